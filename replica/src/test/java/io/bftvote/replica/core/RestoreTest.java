package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replica restarted from its write-ahead log says again exactly what it signed before, and
 * never signs anything that conflicts with it.
 */
class RestoreTest {
  private final Fixture fixture = Fixture.of(4);

  @Test
  void aRestoredPrimaryRebroadcastsItsPrePreparesAndNumbersOnFromTheHighest() {
    Pbft before = fixture.replica(0, 2, 1_000, 4);
    List<Ballot> proposedBefore = fixture.ballots(4);
    List<ConsensusMessage> signedBefore = broadcasts(submit(before, proposedBefore));
    assertEquals(List.of(1L, 2L), signedBefore.stream().map(ConsensusMessage::sequence).toList());

    Pbft after = fixture.replica(0, 2, 1_000, 4); // crashed at height 0
    List<Action> restored = after.handle(new Event.Restored(signedBefore, 0));

    assertEquals(signedBefore, broadcasts(restored), "the very same signed messages, in order");
    assertEquals(2, after.lastProposed());
    assertEquals(List.of(), submit(after, proposedBefore), "ballots in restored batches are not proposed again");
    List<ConsensusMessage> next = broadcasts(submit(after, fixture.ballots(2)));
    assertEquals(List.of(3L), next.stream().map(ConsensusMessage::sequence).toList(), "no sequence reused");
  }

  @Test
  void aRestoredBackupRefusesAPrePrepareThatConflictsWithThePrepareItSigned() {
    Pbft before = fixture.replica(1, 10, 20, 4);
    ConsensusMessage original = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    List<ConsensusMessage> signedBefore = broadcasts(before.handle(new Event.MessageReceived(original, 0)));

    Pbft after = fixture.replica(1, 10, 20, 4);
    after.handle(new Event.Restored(signedBefore, 0));
    ConsensusMessage conflicting = fixture.prePrepare(0, 0, 1, fixture.ballots(2));

    assertEquals(List.of(new Action.Rejected(conflicting, Reason.CONFLICTING_PRE_PREPARE)),
        after.handle(new Event.MessageReceived(conflicting, 0)));
    List<ConsensusMessage> commit = broadcasts(
        after.handle(new Event.MessageReceived(fixture.prepare(2, 0, 1, original.digest()), 0)));
    assertEquals(List.of(), commit, "it cannot prepare without the pre-prepare");
  }

  @Test
  void aRestoredBackupStillPreparesTheOriginalWithoutSigningItsPrepareAgain() {
    Pbft before = fixture.replica(1, 10, 20, 4);
    ConsensusMessage original = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    List<ConsensusMessage> signedBefore = broadcasts(before.handle(new Event.MessageReceived(original, 0)));

    Pbft after = fixture.replica(1, 10, 20, 4);
    after.handle(new Event.Restored(signedBefore, List.of(original), List.of(), 0));

    assertEquals(List.of(), after.handle(new Event.MessageReceived(original, 0)),
        "the original is accepted, the prepare it already signed is not signed again, nor its batch logged again");
    List<ConsensusMessage> commit = broadcasts(
        after.handle(new Event.MessageReceived(fixture.prepare(2, 0, 1, original.digest()), 0)));
    assertEquals(Phase.COMMIT, commit.get(0).phase());
    assertEquals(original.digest(), commit.get(0).digest());
  }

  @Test
  void restoredMessagesAtOrBelowTheExecutedHeightAreNotSentAgain() {
    ConsensusMessage executed = fixture.prepare(1, 0, 3, "d3");
    ConsensusMessage pending = fixture.prepare(1, 0, 4, "d4");
    Pbft after = new Pbft(fixture.config(1, 10, 20, 4), fixture.signer(1), 3, 0);

    List<Action> restored = after.handle(new Event.Restored(List.of(executed, pending), 0));

    assertEquals(List.of(pending), broadcasts(restored));
  }

  @Test
  void aRestoredMessageThisReplicaDidNotSignIsRefused() {
    ConsensusMessage someoneElses = fixture.prepare(2, 0, 1, "d");
    Pbft after = fixture.replica(1, 10, 20, 4);

    assertEquals(List.of(new Action.Rejected(someoneElses, Reason.RESTORED_NOT_OWN)),
        after.handle(new Event.Restored(List.of(someoneElses), 0)));
  }

  @Test
  void ofTwoDifferentPrePreparesForOneSequenceInTheLogOnlyTheFirstIsSaidAgain() {
    ConsensusMessage first = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    ConsensusMessage second = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    Pbft after = fixture.replica(0, 10, 20, 4);

    assertEquals(List.of(new Action.Broadcast(first), new Action.Rejected(second, Reason.CONFLICTING_PRE_PREPARE)),
        after.handle(new Event.Restored(List.of(first, second), 0)));
  }

  @Test
  void aPrimaryThatCrashedBeforePublishingCompletesItsBatchesAfterRestart() {
    List<Ballot> ballots = fixture.ballots(20);
    LocalCluster cluster = new LocalCluster(4, i -> fixture.replica(i, 5, 20, 4));
    // Replica 0 writes its pre-prepares to its log, then crashes before they reach anyone.
    cluster.loseWhen((recipient, message) -> message.sender() == 0);
    ballots.forEach(cluster::submit);
    cluster.runUntilQuiet(10_000);
    assertEquals(4, cluster.sent(0).size(), "four full batches signed, none delivered");
    List<ConsensusMessage> signedBeforeCrash = List.copyOf(cluster.sent(0));

    cluster.loseWhen((recipient, message) -> false);
    cluster.restart(0, fixture.replica(0, 5, 20, 4));
    ballots.forEach(cluster::submit); // re-read from the requests topic after the restart
    cluster.runUntilQuiet(10_000);

    assertEquals(signedBeforeCrash, cluster.sent(0).subList(0, 4), "said again word for word");
    for (int replica = 0; replica < 4; replica++) {
      assertEquals(4, cluster.replica(replica).lastExecuted());
      assertEquals(ballots, cluster.executed(replica).stream().flatMap(e -> e.batch().stream()).toList());
    }
    assertEquals(0, cluster.replica(0).pendingRequests(), "nothing proposed twice");
  }

  @Test
  void aReplicaRestartedInTheMiddleOfAViewChangeIsStillChangingToThatView() {
    Pbft before = fixture.replica(1, 10, 20, 4);
    before.handle(new Event.RequestReceived(fixture.ballots(1).get(0), 0));
    before.handle(new Event.Tick(0));
    List<ConsensusMessage> signedBefore = before.handle(new Event.Tick(1_000_000)).stream()
        .filter(Action.Broadcast.class::isInstance).map(a -> ((Action.Broadcast) a).signed()).toList();
    assertEquals(Phase.VIEW_CHANGE, signedBefore.get(0).phase());

    Pbft after = fixture.replica(1, 10, 20, 4);
    List<Action> restored = after.handle(new Event.Restored(signedBefore, 0));

    assertEquals(1, after.view());
    assertTrue(after.isChangingView(), "it never installed view 1, and must not act in view 0 again");
    assertEquals(signedBefore, broadcasts(restored), "its view-change, word for word");
  }

  @Test
  void aRestartedReplicaProvesItsStableCheckpointAgain() {
    List<ConsensusMessage> proof = List.of(0, 2, 3).stream()
        .map(i -> fixture.sign(i, ConsensusMessage.of(Phase.CHECKPOINT, 0, 32, "head-32", i))).toList();
    Pbft after = new Pbft(fixture.config(1, 10, 20, 4), fixture.signer(1), 40, 0);

    List<Action> restored = after.handle(new Event.Restored(List.of(), proof, 0));

    assertEquals(List.of(new Action.CheckpointStable(32, "head-32", proof)), restored);
    assertEquals(32, after.stableCheckpoint());
  }

  @Test
  void aForgedCheckpointProofIsNotBelieved() {
    List<ConsensusMessage> proof = List.of(0, 2, 3).stream()
        .map(i -> fixture.sign(1, ConsensusMessage.of(Phase.CHECKPOINT, 0, 32, "head-32", i))).toList();
    Pbft after = new Pbft(fixture.config(1, 10, 20, 4), fixture.signer(1), 40, 0);

    assertEquals(List.of(new Action.Rejected(proof.get(0), Reason.UNPROVEN_CHECKPOINT)),
        after.handle(new Event.Restored(List.of(), proof, 0)));
    assertEquals(0, after.stableCheckpoint());
  }

  private static List<Action> submit(Pbft replica, List<Ballot> ballots) {
    List<Action> actions = new ArrayList<>();
    for (Ballot ballot : ballots) {
      actions.addAll(replica.handle(new Event.RequestReceived(ballot, 0)));
    }
    return actions;
  }

  @Test
  void aRestoredBackupWhoseCommitCameBackStillNamesThePreparedRequestInItsNextViewChange() {
    long timeout = 2_000;
    Pbft before = new Pbft(fixture.config(1, 2, 10, 4).withViewChangeTimeouts(timeout, 30_000), fixture.signer(1), 0, 0);
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    List<ConsensusMessage> othersSend = List.of(prePrepare, fixture.prepare(2, 0, 1, prePrepare.digest()),
        fixture.prepare(3, 0, 1, prePrepare.digest()));
    List<ConsensusMessage> signedBefore = new ArrayList<>();
    othersSend.forEach(m -> signedBefore.addAll(broadcasts(before.handle(new Event.MessageReceived(m, 0)))));
    assertTrue(signedBefore.contains(fixture.commit(1, 0, 1, prePrepare.digest())), "it prepared and committed");

    // Restarted from its log; its peers, restarted too, send their messages again; no one has executed.
    Pbft after = new Pbft(fixture.config(1, 2, 10, 4).withViewChangeTimeouts(timeout, 30_000), fixture.signer(1), 0, 0);
    after.handle(new Event.Restored(signedBefore, List.of(prePrepare), List.of(), 0));
    othersSend.forEach(m -> after.handle(new Event.MessageReceived(m, 0)));
    after.handle(new Event.Tick(0));
    ConsensusMessage viewChange = broadcasts(after.handle(new Event.Tick(timeout))).stream()
        .filter(m -> m.phase() == Phase.VIEW_CHANGE).findFirst().orElseThrow();

    List<String> named = new ArrayList<>();
    viewChange.payload().get("prepared").forEach(entry -> named.add(entry.toString()));
    assertEquals(1, named.size(), "P holds the request it prepared before the restart: " + viewChange.payload());
    assertTrue(named.get(0).contains(prePrepare.digest()), named.get(0));
  }

  private static List<ConsensusMessage> broadcasts(List<Action> actions) {
    return actions.stream().filter(Action.Broadcast.class::isInstance).map(a -> ((Action.Broadcast) a).signed())
        .toList();
  }
}
