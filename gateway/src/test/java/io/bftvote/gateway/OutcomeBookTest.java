package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutcomeBookTest {
  private static final String ID = "ab".repeat(32);
  private static final Verdict ACCEPTED_AT_5 = new Verdict("accepted", null, 5);
  private static final Verdict ACCEPTED_AT_6 = new Verdict("accepted", null, 6);
  private static final Verdict ALREADY_VOTED_AT_5 = new Verdict("rejected", "already-voted", 5);

  /** n = 4, f = 1: two matching replies decide. */
  private final OutcomeBook book = new OutcomeBook(4, 2, 100);

  @Test
  void aVotePostedHereIsPendingWithNoConfirmations() {
    book.posted(ID);
    assertEquals(Optional.of(VoteStatus.pending(ID)), book.status(ID));
    assertEquals(1, book.pending());
  }

  @Test
  void aVoteNeverPostedNorRepliedIsUnknown() {
    assertEquals(Optional.empty(), book.status(ID));
  }

  @Test
  void oneReplyIsNotEnoughBecauseItMayComeFromTheFaultyReplica() {
    book.posted(ID);
    assertEquals(Optional.empty(), book.record(ID, 0, ACCEPTED_AT_5));
    assertEquals(VoteStatus.pending(ID), book.status(ID).orElseThrow());
  }

  @Test
  void fPlusOneMatchingRepliesMakeTheOutcomeFinal() {
    book.posted(ID);
    book.record(ID, 0, ACCEPTED_AT_5);
    Optional<VoteStatus> decided = book.record(ID, 3, ACCEPTED_AT_5);
    assertEquals(Optional.of(new VoteStatus(ID, "accepted", null, 5L, 2)), decided);
    assertEquals(0, book.pending());
  }

  @Test
  void laterMatchingRepliesAddConfirmationsWithoutDecidingAgain() {
    book.record(ID, 0, ALREADY_VOTED_AT_5);
    book.record(ID, 1, ALREADY_VOTED_AT_5);
    assertEquals(Optional.empty(), book.record(ID, 2, ALREADY_VOTED_AT_5));
    assertEquals(new VoteStatus(ID, "rejected", "already-voted", 5L, 3), book.status(ID).orElseThrow());
  }

  @Test
  void repliesThatDisagreeOnHeightDoNotMatch() {
    book.record(ID, 0, ACCEPTED_AT_5);
    book.record(ID, 1, ACCEPTED_AT_6);
    assertTrue(book.status(ID).orElseThrow().status().equals("pending"));
  }

  @Test
  void aReplicaCannotVoteTwiceForAnOutcome() {
    book.record(ID, 0, ACCEPTED_AT_5);
    assertEquals(Optional.empty(), book.record(ID, 0, ACCEPTED_AT_5));
    assertEquals("pending", book.status(ID).orElseThrow().status());
  }

  @Test
  void aReplicaThatChangesItsWordIsHeldToItsFirstReply() {
    book.record(ID, 0, ACCEPTED_AT_5);
    book.record(ID, 0, ALREADY_VOTED_AT_5);
    book.record(ID, 1, ALREADY_VOTED_AT_5);
    assertEquals("pending", book.status(ID).orElseThrow().status());
  }

  @Test
  void aMismatchingReplyDoesNotCountAsAConfirmation() {
    book.record(ID, 0, ACCEPTED_AT_5);
    book.record(ID, 1, ACCEPTED_AT_5);
    book.record(ID, 2, ALREADY_VOTED_AT_5);
    assertEquals(2, book.status(ID).orElseThrow().confirmations());
  }

  @Test
  void theLeastRecentlyUsedVotesAreForgottenPastCapacity() {
    OutcomeBook small = new OutcomeBook(4, 2, 2);
    String first = "01".repeat(32);
    String second = "02".repeat(32);
    String third = "03".repeat(32);
    small.posted(first);
    small.posted(second);
    small.status(first); // touch: second is now the eldest
    small.posted(third);
    assertTrue(small.status(first).isPresent());
    assertTrue(small.status(second).isEmpty());
    assertTrue(small.status(third).isPresent());
    assertEquals(2, small.pending());
  }

  @Test
  void aVotePostedHereReportsTheTimeFromAckToFinalOutcome() {
    AtomicLong clock = new AtomicLong(1_000);
    List<Duration> reported = new ArrayList<>();
    OutcomeBook timed = new OutcomeBook(4, 2, 100, clock::get, reported::add);
    timed.posted(ID);
    clock.addAndGet(Duration.ofMillis(700).toNanos());
    timed.record(ID, 0, ACCEPTED_AT_5);
    clock.addAndGet(Duration.ofMillis(50).toNanos());
    timed.record(ID, 1, ACCEPTED_AT_5);
    timed.record(ID, 2, ACCEPTED_AT_5); // after the decision: not timed again
    assertEquals(List.of(Duration.ofMillis(750)), reported);
  }

  @Test
  void aVoteNotPostedHereIsNotTimed() {
    List<Duration> reported = new ArrayList<>();
    OutcomeBook timed = new OutcomeBook(4, 2, 100, System::nanoTime, reported::add);
    timed.record(ID, 0, ACCEPTED_AT_5);
    timed.record(ID, 1, ACCEPTED_AT_5);
    assertTrue(reported.isEmpty(), "another gateway's voter waited, not ours");
  }
}
