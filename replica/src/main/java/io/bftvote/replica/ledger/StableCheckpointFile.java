package io.bftvote.replica.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof of this replica's last stable checkpoint (2f+1 signed checkpoints, PBFT §4.3), kept
 * in {@code checkpoint.json} so that after a restart the replica can prove it again in its
 * view-changes. Replaced atomically (write, sync, rename), so a crash leaves the old proof or the
 * new one, never half of either. It is small: 2f+1 messages without payloads.
 */
public final class StableCheckpointFile {
  public static final String FILE = "checkpoint.json";
  private static final Logger log = LoggerFactory.getLogger(StableCheckpointFile.class);
  private static final TypeReference<List<ConsensusMessage>> PROOF = new TypeReference<>() {};

  private final Path path;

  public StableCheckpointFile(Path dataDir) {
    this.path = dataDir.resolve(FILE);
  }

  /** The proof saved last, or an empty list if none was ever saved. */
  public List<ConsensusMessage> load() {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      return List.copyOf(Json.MAPPER.readValue(Files.readAllBytes(path), PROOF));
    } catch (IOException e) {
      // The core checks the proof anyway; without one the replica proves nothing and loses nothing else.
      log.warn("cannot read the stable checkpoint proof {} ({}); starting without it", path, e.getMessage());
      return List.of();
    }
  }

  public void save(List<ConsensusMessage> proof) {
    Path next = path.resolveSibling(FILE + ".next");
    try {
      Files.write(next, Json.write(proof));
      try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the stable checkpoint proof " + path + ": " + e.getMessage(), e);
    }
  }
}
