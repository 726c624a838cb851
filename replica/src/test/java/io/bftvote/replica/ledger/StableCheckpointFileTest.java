package io.bftvote.replica.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableCheckpointFileTest {
  private static final Ed25519.KeyPair KEY = Ed25519.KeyPair.generate();

  @TempDir Path dir;

  @Test
  void aReplicaThatNeverHadAStableCheckpointStartsWithoutProof() {
    assertEquals(List.of(), new StableCheckpointFile(dir).load());
  }

  @Test
  void theLastSavedProofIsWhatARestartReads() {
    StableCheckpointFile file = new StableCheckpointFile(dir);
    file.save(proof(128));
    file.save(proof(256));

    assertEquals(proof(256), new StableCheckpointFile(dir).load());
  }

  @Test
  void anUnreadableProofIsTreatedAsNoProof() throws IOException {
    Files.writeString(dir.resolve(StableCheckpointFile.FILE), "[{\"phase\":");

    assertEquals(List.of(), new StableCheckpointFile(dir).load());
  }

  private static List<ConsensusMessage> proof(long sequence) {
    return List.of(0, 1, 2).stream()
        .map(i -> ConsensusMessage.of(Phase.CHECKPOINT, 0, sequence, "head-" + sequence, i).signedBy(KEY)).toList();
  }
}
