package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replica 1, a backup in view 0 of a 4-replica cluster, facing pre-prepares scripted by the test
 * (PBFT §4.2). Every refusal names its rule and leaves the replica as it was.
 */
class BackupPrePrepareTest {
  private static final int MAX_BATCH = 3;
  private final Fixture fixture = Fixture.of(4);
  private Pbft backup;

  @BeforeEach
  void startBackup() {
    backup = fixture.replica(1, MAX_BATCH, 20, 4);
  }

  @Test
  void backupAcceptsAValidPrePrepareAndBroadcastsAMatchingPrepare() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(2));

    List<Action> actions = receive(prePrepare);

    assertEquals(2, actions.size());
    assertEquals(new Action.LogAccepted(prePrepare), actions.get(0), "its batch is made durable first");
    ConsensusMessage prepare = ((Action.Broadcast) actions.get(1)).signed();
    assertEquals(Phase.PREPARE, prepare.phase());
    assertEquals(0, prepare.view());
    assertEquals(1, prepare.sequence());
    assertEquals(prePrepare.digest(), prepare.digest());
    assertEquals(1, prepare.sender());
    assertTrue(prepare.hasValidSignature(fixture.cluster()));
  }

  @Test
  void backupRefusesPrePrepareFromNonPrimary() {
    assertRefused(fixture.prePrepare(2, 0, 1, fixture.ballots(1)), Reason.NOT_PRIMARY);
  }

  @Test
  void backupRefusesPrePrepareForAnotherView() {
    // Replica 1 is the primary of view 1, so only the view is wrong.
    assertRefused(fixture.prePrepare(1, 1, 1, fixture.ballots(1)), Reason.WRONG_VIEW);
  }

  @Test
  void backupRefusesPrePrepareAboveTheHighWatermark() {
    long high = fixture.config(1, MAX_BATCH, 20, 4).watermarkWindow();
    assertRefused(fixture.prePrepare(0, 0, high + 1, fixture.ballots(1)), Reason.OUTSIDE_WATERMARKS);
    assertEquals(1, prepares(receive(fixture.prePrepare(0, 0, high, fixture.ballots(1)))),
        "the high watermark itself is inside");
  }

  @Test
  void backupIgnoresPrePrepareAtOrBelowTheLowWatermarkWithoutAWord() {
    backup = new Pbft(fixture.config(1, MAX_BATCH, 20, 4), fixture.signer(1), 5, 0); // restarted at height 5
    assertEquals(List.of(), receive(fixture.prePrepare(0, 0, 5, fixture.ballots(1))));
  }

  @Test
  void backupRefusesPrePrepareWhoseDigestDoesNotMatchItsBatch() {
    ConsensusMessage honest = fixture.prePrepare(0, 0, 1, fixture.ballots(2));
    ConsensusMessage swapped = fixture.sign(0, honest.withBatch(fixture.ballots(2)));
    assertRefused(swapped, Reason.DIGEST_MISMATCH);
  }

  @Test
  void backupRefusesPrePrepareWithMoreThanMaxBatchBallots() {
    assertRefused(fixture.prePrepare(0, 0, 1, fixture.ballots(MAX_BATCH + 1)), Reason.BATCH_TOO_LARGE);
  }

  @Test
  void backupRefusesPrePrepareThatRepeatsARequest() {
    Ballot ballot = fixture.ballots(1).get(0);
    assertRefused(fixture.prePrepare(0, 0, 1, List.of(ballot, ballot)), Reason.DUPLICATE_REQUEST);
  }

  @Test
  void backupRefusesPrePrepareWithoutABatch() {
    ConsensusMessage bare = fixture.sign(0, ConsensusMessage.of(Phase.PRE_PREPARE, 0, 1, "d", 0));
    assertRefused(bare, Reason.MISSING_BATCH);
  }

  @Test
  void backupRefusesPrePrepareAddressedToAnotherReplica() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    assertRefused(fixture.sign(0, prePrepare.addressedTo(2)), Reason.ADDRESSED_ELSEWHERE);
  }

  @Test
  void backupAcceptsPrePrepareAddressedToItself() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    assertEquals(1, prepares(receive(fixture.sign(0, prePrepare.addressedTo(1)))));
  }

  @Test
  void backupThatSeesThePrimarySignTwoPrePreparesForOneSequenceChangesViewAtOnce() {
    ConsensusMessage first = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    ConsensusMessage second = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    receive(first);

    List<Action> actions = receive(second);

    assertEquals(new Action.Rejected(second, Reason.CONFLICTING_PRE_PREPARE), actions.get(0), "counted, sender named");
    assertEquals(new Action.ViewChanging(0, 1, "primary 0 equivocated at sequence 1"), actions.get(1));
    ConsensusMessage viewChange = ((Action.Broadcast) actions.get(2)).signed();
    assertEquals(Phase.VIEW_CHANGE, viewChange.phase());
    assertEquals(1, viewChange.view());
    assertTrue(backup.isChangingView());
  }

  @Test
  void aPrePrepareAddressedToAnotherReplicaStillConvictsAnEquivocatingPrimary() {
    ConsensusMessage toReplica2 = fixture.sign(0, fixture.prePrepare(0, 0, 1, fixture.ballots(1)).addressedTo(2));
    ConsensusMessage toMe = fixture.sign(0, fixture.prePrepare(0, 0, 1, fixture.ballots(1)).addressedTo(1));

    assertRefused(toReplica2, Reason.ADDRESSED_ELSEWHERE);
    List<Action> actions = receive(toMe);

    assertEquals(new Action.Rejected(toMe, Reason.CONFLICTING_PRE_PREPARE), actions.get(0));
    assertEquals(new Action.ViewChanging(0, 1, "primary 0 equivocated at sequence 1"), actions.get(1));
  }

  @Test
  void aRedeliveredPrePrepareIsAHarmlessDuplicate() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    receive(prePrepare);
    assertEquals(List.of(), receive(prePrepare), "no second prepare, no refusal");
  }

  @Test
  void preparesThatArriveBeforeThePrePrepareCountOnceItArrives() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    assertEquals(List.of(), receive(fixture.prepare(2, 0, 1, prePrepare.digest())));
    assertEquals(List.of(), receive(fixture.prepare(3, 0, 1, prePrepare.digest())));

    List<Phase> sent = receive(prePrepare).stream().filter(Action.Broadcast.class::isInstance)
        .map(a -> ((Action.Broadcast) a).signed().phase()).toList();

    assertEquals(List.of(Phase.PREPARE, Phase.COMMIT), sent);
  }

  @Test
  void backupRefusesAPrepareFromThePrimary() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    receive(prePrepare);
    assertRefused(fixture.prepare(0, 0, 1, prePrepare.digest()), Reason.PREPARE_FROM_PRIMARY);
  }

  @Test
  void backupRefusesVotesForAnotherViewOrAboveTheHighWatermark() {
    assertRefused(fixture.prepare(2, 1, 1, "d"), Reason.WRONG_VIEW);
    assertRefused(fixture.commit(2, 0, 1_000, "d"), Reason.OUTSIDE_WATERMARKS);
  }

  @Test
  void aReplicaThatVotesTwiceWithDifferentDigestsIsReportedAndOnlyItsFirstVoteCounts() {
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    receive(prePrepare);
    assertEquals(List.of(), receive(fixture.prepare(2, 0, 1, "a-different-digest")));

    // With its own prepare this would be the 2f-th matching one; refused, it commits nothing.
    assertRefused(fixture.prepare(2, 0, 1, prePrepare.digest()), Reason.CONFLICTING_VOTE);

    List<Action> actions = receive(fixture.prepare(3, 0, 1, prePrepare.digest()));
    assertEquals(Phase.COMMIT, ((Action.Broadcast) actions.get(0)).signed().phase());
  }

  @Test
  void backupRefusesACheckpointOffTheCheckpointInterval() {
    assertRefused(fixture.sign(2, ConsensusMessage.of(Phase.CHECKPOINT, 0, 1, "d", 2)), Reason.NOT_A_CHECKPOINT_SEQUENCE);
  }

  private List<Action> receive(ConsensusMessage message) {
    return receive(new Event.MessageReceived(message, 0));
  }

  private List<Action> receive(Event event) {
    return backup.handle(event);
  }

  /** The message is refused for {@code reason}, and nothing else happens. */
  private void assertRefused(ConsensusMessage message, String reason) {
    List<Action> actions = new ArrayList<>(receive(message));
    assertEquals(List.of(new Action.Rejected(message, reason)), actions);
  }

  private static long prepares(List<Action> actions) {
    return actions.stream().filter(a -> a instanceof Action.Broadcast b && b.signed().phase() == Phase.PREPARE).count();
  }
}
