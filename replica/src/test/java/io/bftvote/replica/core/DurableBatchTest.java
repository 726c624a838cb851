package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VIEW-CHANGE names a prepared batch by its digest only, so the batch itself must outlive a
 * restart of every replica that holds it: each backup logs the pre-prepare it accepts (batch
 * included) before its prepare, and gets the batch back, and only the batch, when it restarts.
 */
class DurableBatchTest {
  private static final long TIMEOUT = 2_000;
  private final Fixture fixture = Fixture.of(4);

  private Pbft replica(int id) {
    return new Pbft(fixture.config(id, 2, 10, 4).withViewChangeTimeouts(TIMEOUT, 30_000), fixture.signer(id), 0, 0);
  }

  @Test
  void aWholeClusterRestartedMidViewChangeExecutesTheBatchThatPreparedBeforeIt() {
    LocalCluster cluster = new LocalCluster(4, this::replica);
    List<Ballot> ballots = fixture.ballots(2);
    // Every commit is lost: sequence 1 prepares everywhere and executes nowhere.
    cluster.loseWhen((recipient, m) -> m.phase() == Phase.COMMIT);
    ballots.forEach(cluster::submit);
    cluster.advanceClock(10);
    cluster.runUntilQuiet(10_000);
    ConsensusMessage original = cluster.sent(0).get(0);
    assertEquals(Phase.PRE_PREPARE, original.phase());
    // The primary falls silent and the backups start a view change that no one completes.
    cluster.loseWhen((recipient, m) -> m.sender() == 0 || m.phase() == Phase.VIEW_CHANGE);
    for (int step = 0; step < 30 && !allBackupsChangingView(cluster); step++) {
      cluster.advanceClock(TIMEOUT / 4);
      cluster.runUntilQuiet(10_000);
    }
    assertTrue(allBackupsChangingView(cluster));

    // Power cut: whatever was in flight is gone, and every replica comes back from its write-ahead log alone.
    cluster.loseEverythingInFlight();
    cluster.loseWhen((recipient, m) -> false);
    for (int r = 0; r < 4; r++) {
      cluster.restart(r, replica(r));
    }
    for (int step = 0; step < 40 && !allExecutedOne(cluster); step++) {
      cluster.advanceClock(TIMEOUT / 4);
      cluster.runUntilQuiet(10_000);
    }

    for (int r = 0; r < 4; r++) {
      assertEquals(1, cluster.replica(r).view(), "replica " + r);
      assertFalse(cluster.executed(r).isEmpty(), "replica " + r + " executed nothing: the batch was lost");
      Action.Execute first = cluster.executed(r).get(0);
      assertEquals(1, first.sequence());
      assertEquals(original.digest(), first.digest(), "the batch that prepared in view 0, at the same sequence");
      assertEquals(ballots, first.batch(), "replica " + r + " took the batch from its own write-ahead log");
      // Replica 0 may commit it in view 0 (the restored backups say their view-0 commits again); the backups,
      // changing view when the power went, can only commit it in view 1, with the batch they logged.
      assertEquals(r == 0 ? first.view() : 1, first.view(), "replica " + r);
    }
    for (int r = 1; r < 4; r++) {
      int self = r;
      assertTrue(cluster.sent(r).stream().allMatch(m -> m.sender() == self),
          "replica " + r + " never sends the primary's pre-prepare it restored as if it were its own");
    }
  }

  @Test
  void aBackupLogsThePrePrepareItAcceptsBeforeThePrepareItSends() {
    Pbft backup = replica(1);
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(2));

    List<Action> actions = backup.handle(new Event.MessageReceived(prePrepare, 0));

    assertEquals(List.of(new Action.LogAccepted(prePrepare),
        new Action.Broadcast(fixture.prepare(1, 0, 1, prePrepare.digest()))), actions);
    assertEquals(List.of(), backup.handle(new Event.MessageReceived(prePrepare, 0)), "logged once, not per copy");
  }

  @Test
  void aPrimaryLogsOnlyThePrePrepareItSigned() {
    Pbft primary = replica(0);
    List<Action> actions = new ArrayList<>();
    fixture.ballots(2).forEach(b -> actions.addAll(primary.handle(new Event.RequestReceived(b, 0))));

    assertFalse(actions.stream().anyMatch(Action.LogAccepted.class::isInstance),
        "its own pre-prepare is in its log as a broadcast already");
    assertEquals(1, actions.stream().filter(Action.Broadcast.class::isInstance).count());
  }

  @Test
  void aRestoredAcceptedPrePrepareIsNeitherSentAgainNorMakesTheBackupAPrimary() {
    Pbft before = replica(1);
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    ConsensusMessage prepare = fixture.prepare(1, 0, 1, prePrepare.digest());
    before.handle(new Event.MessageReceived(prePrepare, 0));

    Pbft after = replica(1);
    List<Action> restored = after.handle(new Event.Restored(List.of(prepare), List.of(prePrepare), List.of(), 0));

    assertEquals(List.of(new Action.Broadcast(prepare)), restored, "only what it signed itself is said again");
    assertFalse(after.isPrimary());
    assertEquals(0, after.view());
    assertEquals(0, after.lastProposed(), "a backup does not number proposals from another primary's");
  }

  @Test
  void aRestoredBatchThatDoesNotMatchItsDigestIsRefused() {
    ConsensusMessage accepted = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    ConsensusMessage swapped = new ConsensusMessage(accepted.phase(), accepted.view(), accepted.sequence(),
        accepted.digest(), accepted.sender(), null, fixture.ballots(2), null, accepted.signature());
    ConsensusMessage notAPrePrepare = fixture.prepare(0, 0, 1, accepted.digest());
    Pbft after = replica(1);

    assertEquals(List.of(new Action.Rejected(swapped, Reason.DIGEST_MISMATCH),
            new Action.Rejected(notAPrePrepare, Reason.RESTORED_NOT_PRE_PREPARE)),
        after.handle(new Event.Restored(List.of(), List.of(swapped, notAPrePrepare), List.of(), 0)));
  }

  private static boolean allBackupsChangingView(LocalCluster cluster) {
    for (int r = 1; r < cluster.size(); r++) {
      if (!cluster.replica(r).isChangingView()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allExecutedOne(LocalCluster cluster) {
    for (int r = 0; r < cluster.size(); r++) {
      if (cluster.executed(r).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
