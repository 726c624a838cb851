package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request the queue holds is bounded: what waits, and what it remembers as executed. */
class RequestQueueTest {
  private final Fixture fixture = Fixture.of(4);

  @Test
  void aFullQueueRefusesNewRequestsAndKeepsTheOnesItHas() {
    RequestQueue queue = new RequestQueue(2, 10);
    List<Ballot> ballots = fixture.ballots(3);

    assertEquals(RequestQueue.Offered.QUEUED, queue.offer(ballots.get(0), 0));
    assertEquals(RequestQueue.Offered.QUEUED, queue.offer(ballots.get(1), 1));
    assertEquals(RequestQueue.Offered.FULL, queue.offer(ballots.get(2), 2));
    assertEquals(RequestQueue.Offered.ALREADY_KNOWN, queue.offer(ballots.get(0), 3),
        "a duplicate is not a refusal even when full");

    assertEquals(ballots.subList(0, 2), queue.oldest(10));
    assertEquals(0, queue.oldestSince());
  }

  @Test
  void aBackupWithAFullQueueRefusesTheNextBallotAndSaysWhy() {
    Pbft backup = fixture.replica(1, 10, 20, 4);
    // The core trusts the edge to have verified signatures, so cheap unsigned ballots will do.
    String voter = fixture.ballots(1).get(0).voter();
    String unverified = "A".repeat(86);
    for (int i = 0; i < RequestQueue.MAX_PENDING; i++) {
      Ballot ballot = new Ballot("demo", voter, "alice", "n" + i, unverified);
      assertEquals(List.of(), backup.handle(new Event.RequestReceived(ballot, 0)));
    }

    Ballot oneTooMany = new Ballot("demo", voter, "alice", "one-too-many", unverified);
    List<Action> actions = backup.handle(new Event.RequestReceived(oneTooMany, 0));

    assertEquals(List.of(new Action.Rejected(null, Reason.REQUEST_QUEUE_FULL)), actions);
    assertEquals(RequestQueue.MAX_PENDING, backup.pendingRequests());
  }

  @Test
  void onlyTheMostRecentlyExecutedRequestsAreRemembered() {
    RequestQueue queue = new RequestQueue(10, 2);
    List<Ballot> ballots = fixture.ballots(3);

    queue.executed(1, ballots.stream().map(Ballot::requestId).toList());

    assertEquals(RequestQueue.Offered.QUEUED, queue.offer(ballots.get(0), 0), "forgotten: the oldest of three");
    assertEquals(RequestQueue.Offered.ALREADY_KNOWN, queue.offer(ballots.get(2), 0));
  }

  @Test
  void executingAHeightSettlesEverythingInFlightUpToIt() {
    RequestQueue queue = new RequestQueue(10, 10);
    List<Ballot> ballots = fixture.ballots(2);
    queue.inFlight(1, ballots.subList(0, 1));
    queue.inFlight(2, ballots.subList(1, 2));

    queue.executed(1, List.of());

    assertFalse(queue.isInFlight(ballots.get(0).requestId()));
    assertTrue(queue.isInFlight(ballots.get(1).requestId()));
  }
}
