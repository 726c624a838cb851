package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replica 0, the primary of view 0, turning client requests into pre-prepares (PBFT §4.2). */
class PrimaryBatchingTest {
  private final Fixture fixture = Fixture.of(4);

  @Test
  void primaryProposesAsSoonAsMaxBatchBallotsWait() {
    Pbft primary = fixture.replica(0, 3, 1_000, 4);
    List<Ballot> ballots = fixture.ballots(3);

    assertEquals(List.of(), submit(primary, ballots.subList(0, 2), 0));
    List<ConsensusMessage> proposed = prePrepares(submit(primary, ballots.subList(2, 3), 0));

    assertEquals(1, proposed.size());
    ConsensusMessage prePrepare = proposed.get(0);
    assertEquals(ballots, prePrepare.batch(), "oldest first, in arrival order");
    assertEquals(BatchDigest.of(ballots), prePrepare.digest());
    assertEquals(1, prePrepare.sequence());
    assertEquals(0, prePrepare.view());
    assertTrue(prePrepare.hasValidSignature(fixture.cluster()));
    assertEquals(0, primary.pendingRequests());
    assertEquals(1, primary.lastProposed());
  }

  @Test
  void primarySplitsABacklogIntoFullBatchesAndKeepsTheRemainder() {
    Pbft primary = fixture.replica(0, 3, 1_000, 4);

    List<ConsensusMessage> proposed = prePrepares(submit(primary, fixture.ballots(7), 0));

    assertEquals(List.of(3, 3), proposed.stream().map(m -> m.batch().size()).toList());
    assertEquals(List.of(1L, 2L), proposed.stream().map(ConsensusMessage::sequence).toList());
    assertEquals(1, primary.pendingRequests());
  }

  @Test
  void primaryProposesAPartialBatchOnceTheOldestBallotHasWaitedTheBatchDelay() {
    Pbft primary = fixture.replica(0, 10, 20, 4);
    submit(primary, fixture.ballots(1), 100);
    submit(primary, fixture.ballots(1), 110);

    assertEquals(List.of(), primary.handle(new Event.Tick(119)));
    List<ConsensusMessage> proposed = prePrepares(primary.handle(new Event.Tick(120)));

    assertEquals(1, proposed.size());
    assertEquals(2, proposed.get(0).batch().size());
  }

  @Test
  void primaryKeepsAtMostWindowSequencesInFlightAndProposesMoreAsTheyExecute() {
    Pbft primary = fixture.replica(0, 1, 0, 2);

    List<ConsensusMessage> proposed = prePrepares(submit(primary, fixture.ballots(5), 0));
    assertEquals(List.of(1L, 2L), proposed.stream().map(ConsensusMessage::sequence).toList());
    assertEquals(List.of(), primary.handle(new Event.Tick(1_000)), "the window is full");
    assertEquals(3, primary.pendingRequests());

    List<ConsensusMessage> next = prePrepares(primary.handle(executed(proposed.get(0))));
    assertEquals(List.of(3L), next.stream().map(ConsensusMessage::sequence).toList());
  }

  @Test
  void aBallotSubmittedTwiceIsProposedOnce() {
    Pbft primary = fixture.replica(0, 10, 20, 4);
    Ballot ballot = fixture.ballots(1).get(0);

    submit(primary, List.of(ballot, ballot), 0);
    assertEquals(1, primary.pendingRequests(), "queued once");
    ConsensusMessage prePrepare = prePrepares(primary.handle(new Event.Tick(20))).get(0);
    assertEquals(List.of(ballot), prePrepare.batch());

    assertEquals(List.of(), submit(primary, List.of(ballot), 30), "in flight: not queued again");
    primary.handle(executed(prePrepare));
    assertEquals(List.of(), submit(primary, List.of(ballot), 40), "executed: not queued again");
    assertEquals(List.of(), primary.handle(new Event.Tick(1_000)));
    assertEquals(0, primary.pendingRequests());
  }

  @Test
  void aBackupQueuesRequestsButNeverProposes() {
    Pbft backup = fixture.replica(1, 2, 0, 4);

    assertEquals(List.of(), submit(backup, fixture.ballots(5), 0));
    assertEquals(List.of(), backup.handle(new Event.Tick(1_000)));
    assertEquals(5, backup.pendingRequests());
  }

  @Test
  void aBackupStopsQueueingRequestsThePrimaryHasProposed() {
    Pbft backup = fixture.replica(1, 10, 0, 4);
    List<Ballot> ballots = fixture.ballots(3);
    submit(backup, ballots, 0);

    backup.handle(new Event.MessageReceived(fixture.prePrepare(0, 0, 1, ballots.subList(0, 2)), 0));

    assertEquals(1, backup.pendingRequests());
  }

  private static List<Action> submit(Pbft replica, List<Ballot> ballots, long now) {
    List<Action> actions = new ArrayList<>();
    for (Ballot ballot : ballots) {
      actions.addAll(replica.handle(new Event.RequestReceived(ballot, now)));
    }
    return actions;
  }

  private static Event.Executed executed(ConsensusMessage prePrepare) {
    return new Event.Executed(prePrepare.sequence(),
        prePrepare.batch().stream().map(Ballot::requestId).toList(), "head-" + prePrepare.sequence(), 0);
  }

  private static List<ConsensusMessage> prePrepares(List<Action> actions) {
    List<ConsensusMessage> prePrepares = new ArrayList<>();
    for (Action action : actions) {
      assertTrue(action instanceof Action.Broadcast, "only broadcasts expected, got " + action);
      ConsensusMessage message = ((Action.Broadcast) action).signed();
      assertEquals(Phase.PRE_PREPARE, message.phase());
      prePrepares.add(message);
    }
    return prePrepares;
  }
}
