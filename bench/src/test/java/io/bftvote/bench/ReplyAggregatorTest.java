package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyAggregatorTest {
  private static final String ID = "a".repeat(64);
  private final TestKeys n4 = new TestKeys(4);
  private final ReplyAggregator aggregator = new ReplyAggregator(n4.cluster, 100);

  @Test
  void outcomeIsFinalAtTheSecondMatchingReplyWhenFIsOne() {
    aggregator.expect(ID, 42);
    assertTrue(aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7)).isEmpty(), "one reply could be the liar's");
    Optional<ReplyAggregator.Final> outcome = aggregator.offer(n4.reply(2, ID, Outcome.ACCEPTED, 7));
    assertTrue(outcome.isPresent());
    assertEquals(new ReplyAggregator.Final(ID, "accepted", null, 7, 42), outcome.get());
    assertEquals(0, aggregator.outstanding());
  }

  @Test
  void outcomeIsFinalOnlyOnceHoweverManyRepliesFollow() {
    aggregator.expect(ID, 0);
    aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7));
    assertTrue(aggregator.offer(n4.reply(1, ID, Outcome.ACCEPTED, 7)).isPresent());
    assertTrue(aggregator.offer(n4.reply(2, ID, Outcome.ACCEPTED, 7)).isEmpty());
    assertEquals(2, aggregator.signaturesVerified(), "replies after the outcome is final are not even verified");
  }

  @Test
  void repliesThatDisagreeDoNotAddUp() {
    aggregator.expect(ID, 0);
    aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7));
    assertTrue(aggregator.offer(n4.reply(1, ID, Outcome.ALREADY_VOTED, 7)).isEmpty(), "other outcome");
    assertTrue(aggregator.offer(n4.reply(2, ID, Outcome.ACCEPTED, 8)).isEmpty(), "other height");
    Optional<ReplyAggregator.Final> outcome = aggregator.offer(n4.reply(3, ID, Outcome.ALREADY_VOTED, 7));
    assertEquals("already-voted", outcome.orElseThrow().reason());
    assertFalse(outcome.get().accepted());
  }

  @Test
  void aReplicaRepeatingItselfCountsOnce() {
    aggregator.expect(ID, 0);
    Reply same = n4.reply(1, ID, Outcome.ACCEPTED, 7);
    aggregator.offer(same);
    assertTrue(aggregator.offer(same).isEmpty());
    assertEquals(1, aggregator.outstanding());
  }

  @Test
  void aReplyWithABadSignatureNeverCounts() {
    aggregator.expect(ID, 0);
    aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7));
    Reply forged = Reply.of(ID, Outcome.ACCEPTED, 7, 1).signedBy(Ed25519.KeyPair.generate());
    assertTrue(aggregator.offer(forged).isEmpty());
    assertEquals(1, aggregator.badSignatures());
    assertTrue(aggregator.offer(n4.reply(1, ID, Outcome.ACCEPTED, 7)).isPresent(),
        "the real replica 1 is still heard after someone forged its reply");
  }

  @Test
  void sevenReplicasNeedThreeMatchingReplies() {
    TestKeys n7 = new TestKeys(7);
    ReplyAggregator seven = new ReplyAggregator(n7.cluster, 10);
    seven.expect(ID, 0);
    assertTrue(seven.offer(n7.reply(4, ID, Outcome.ACCEPTED, 3)).isEmpty());
    assertTrue(seven.offer(n7.reply(5, ID, Outcome.ACCEPTED, 3)).isEmpty());
    assertTrue(seven.offer(n7.reply(6, ID, Outcome.ACCEPTED, 3)).isPresent());
  }

  @Test
  void repliesToBallotsThisRunDidNotSendAreIgnoredUnverified() {
    assertTrue(aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7)).isEmpty());
    assertTrue(aggregator.offer(new Reply(ID, "accepted", null, 7, 9, null, null, "x")).isEmpty());
    assertEquals(0, aggregator.signaturesVerified());
  }

  @Test
  void aBallotIsAwaitedFromExpectUntilItsOutcomeIsFinal() {
    assertFalse(aggregator.awaits(ID), "not sent yet");
    aggregator.expect(ID, 0);
    assertTrue(aggregator.awaits(ID));
    aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7));
    assertTrue(aggregator.awaits(ID), "one reply is not final when f = 1");
    aggregator.offer(n4.reply(1, ID, Outcome.ACCEPTED, 7));
    assertFalse(aggregator.awaits(ID), "final: the reader may skip its remaining replies unparsed");
  }

  @Test
  void aForgottenBallotIsNoLongerAwaited() {
    aggregator.expect(ID, 5);
    assertEquals(java.util.List.of(5L), aggregator.outstandingIntendedNanos());
    aggregator.forget(ID);
    aggregator.offer(n4.reply(0, ID, Outcome.ACCEPTED, 7));
    assertTrue(aggregator.offer(n4.reply(1, ID, Outcome.ACCEPTED, 7)).isEmpty());
  }

  @Test
  void awaitsNoMoreBallotsThanItsBound() {
    ReplyAggregator small = new ReplyAggregator(n4.cluster, 1);
    small.expect(ID, 0);
    assertThrows(IllegalStateException.class, () -> small.expect("b".repeat(64), 0));
  }
}
