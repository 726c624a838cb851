package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Outcome;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole clusters of honest replicas over the in-memory network agree on one ordered ledger. */
class AgreementTest {
  private static final int MAX_BATCH = 50;
  private static final long BATCH_DELAY = 20;
  private static final int WINDOW = 4;

  @Test
  void fourReplicasCommitAThousandBallotsInTheSameOrderWithValidCertificates() {
    Fixture fixture = Fixture.of(4);
    List<Ballot> ballots = fixture.ballots(1_000);

    LocalCluster cluster = run(fixture, ballots);

    assertAgreeOn(ballots, cluster, fixture);
  }

  @Test
  void sevenReplicasAgreeToo() {
    Fixture fixture = Fixture.of(7);
    List<Ballot> ballots = fixture.ballots(230);

    LocalCluster cluster = run(fixture, ballots);

    assertAgreeOn(ballots, cluster, fixture);
  }

  @Test
  void threeReplicasCommitWithoutASilentFourth() {
    Fixture fixture = Fixture.of(4);
    List<Ballot> ballots = fixture.ballots(120);
    LocalCluster cluster = new LocalCluster(4, i -> fixture.replica(i, MAX_BATCH, BATCH_DELAY, WINDOW));
    cluster.loseWhen((recipient, message) -> recipient == 3 || message.sender() == 3);

    ballots.forEach(cluster::submit);
    settle(cluster, 3);

    List<Action.Execute> reference = cluster.executed(0);
    assertEquals(ballots, reference.stream().flatMap(e -> e.batch().stream()).toList());
    for (int replica = 1; replica < 3; replica++) {
      assertEquals(blocks(reference), blocks(cluster.executed(replica)));
    }
    assertEquals(List.of(), cluster.executed(3), "the silent replica heard nothing");
  }

  @Test
  void theSameEventsGiveTheSameActionsSignaturesAndCertificatesIncluded() {
    Fixture fixture = Fixture.of(4);
    List<Ballot> ballots = fixture.ballots(300);

    LocalCluster first = run(fixture, ballots);
    LocalCluster second = run(fixture, ballots);

    for (int replica = 0; replica < 4; replica++) {
      assertEquals(first.executed(replica), second.executed(replica));
      assertEquals(first.sent(replica), second.sent(replica));
    }
  }

  /** Submits everything at once, then lets virtual time pass until the cluster has executed it all. */
  private static LocalCluster run(Fixture fixture, List<Ballot> ballots) {
    int n = fixture.cluster().n();
    LocalCluster cluster = new LocalCluster(n, i -> fixture.replica(i, MAX_BATCH, BATCH_DELAY, WINDOW));
    ballots.forEach(cluster::submit);
    settle(cluster, n);
    return cluster;
  }

  private static void settle(LocalCluster cluster, int live) {
    for (int round = 0; round < 1_000; round++) {
      cluster.runUntilQuiet(1_000_000);
      boolean drained = true;
      for (int replica = 0; replica < live; replica++) {
        drained &= cluster.replica(replica).pendingRequests() == 0
            && cluster.replica(replica).lastExecuted() == cluster.replica(0).lastProposed();
      }
      if (drained) {
        return;
      }
      cluster.advanceClock(BATCH_DELAY);
    }
    throw new AssertionError("the cluster did not execute everything within 1000 batch delays");
  }

  private static void assertAgreeOn(List<Ballot> ballots, LocalCluster cluster, Fixture fixture) {
    List<Action.Execute> reference = cluster.executed(0);
    List<Ballot> ordered = reference.stream().flatMap(e -> e.batch().stream()).toList();
    assertEquals(ballots.size(), new HashSet<>(ordered).size(), "every ballot exactly once");
    assertEquals(ballots.size(), ordered.size());
    for (int i = 0; i < reference.size(); i++) {
      assertEquals(i + 1, reference.get(i).sequence(), "no gaps, no reordering");
    }
    for (int replica = 0; replica < cluster.size(); replica++) {
      List<Action.Execute> executed = cluster.executed(replica);
      assertEquals(blocks(reference), blocks(executed), "replica " + replica + " agrees on every block");
      for (Action.Execute execute : executed) {
        assertNull(certified(execute).certificateProblem(fixture.cluster()),
            "replica " + replica + ", sequence " + execute.sequence());
      }
      assertEquals(reference.size(), cluster.replica(replica).lastExecuted());
      assertEquals(List.of(), cluster.rejected(replica), "honest replicas refuse nothing");
    }
  }

  /** What must be identical everywhere: sequence, view, digest and batch. */
  private static List<String> blocks(List<Action.Execute> executed) {
    return executed.stream()
        .map(e -> e.sequence() + "/" + e.view() + "/" + e.digest() + "/" + e.batch().hashCode()).toList();
  }

  private static CertifiedBlock certified(Action.Execute execute) {
    List<String> outcomes = Collections.nCopies(execute.batch().size(), Outcome.ACCEPTED.code());
    Block block = Block.create(execute.sequence(), Block.NO_PREVIOUS, execute.digest(), execute.batch(), outcomes);
    return new CertifiedBlock(block, execute.certificate());
  }
}
