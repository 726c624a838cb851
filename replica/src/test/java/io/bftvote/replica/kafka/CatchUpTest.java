package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.ledger.ExecutedBlock;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatchUpTest {
  private static final Cluster CLUSTER =
      new Cluster(IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate().publicKey()).toList());

  @TempDir Path leaderDir;
  @TempDir Path laggardDir;

  @Test
  void blocksArrivingAheadOfAGapWaitAndExecuteInHeightOrder() {
    List<CertifiedBlock> published = publishedBlocks(3);
    try (Ledger laggard = Ledger.open(laggardDir, Elections.demo(), CLUSTER)) {
      CatchUp catchUp = new CatchUp(laggard);

      assertTrue(catchUp.offer(published.get(2)).isEmpty(), "block 3 waits for 1 and 2");
      assertTrue(catchUp.offer(published.get(1)).isEmpty());
      List<ExecutedBlock> executed = catchUp.offer(published.get(0));

      assertEquals(List.of(1L, 2L, 3L), executed.stream().map(ExecutedBlock::height).toList());
      assertEquals(published.get(2).block().hash(), laggard.head(), "the same chain as the replica that made it");
      assertTrue(catchUp.offer(published.get(1)).isEmpty(), "a later copy of a block it has is ignored");
    }
  }

  @Test
  void aBlockWaitingBehindAGapTheReplicaFillsByItsOwnCommitExecutesWithoutWaitingForAnother() {
    List<CertifiedBlock> published = publishedBlocks(2);
    try (Ledger laggard = Ledger.open(laggardDir, Elections.demo(), CLUSTER)) {
      CatchUp catchUp = new CatchUp(laggard);
      assertTrue(catchUp.offer(published.get(1)).isEmpty(), "block 2 waits for 1");

      Ballot first = published.get(0).block().ballots().get(0);
      laggard.execute(1, List.of(first), List.of()); // this replica commits block 1 itself
      List<ExecutedBlock> executed = catchUp.executedUpTo(1);

      assertEquals(List.of(2L), executed.stream().map(ExecutedBlock::height).toList());
      assertEquals(published.get(1).block().hash(), laggard.head());
    }
  }

  /** Blocks as another replica executed them (certificates are checked at the edge, not here). */
  private List<CertifiedBlock> publishedBlocks(int count) {
    List<CertifiedBlock> blocks = new ArrayList<>();
    try (Ledger leader = Ledger.open(leaderDir, Elections.demo(), CLUSTER)) {
      for (int h = 1; h <= count; h++) {
        Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n" + h);
        blocks.add(leader.execute(h, List.of(ballot), List.of()).certified());
      }
    }
    return blocks;
  }
}
