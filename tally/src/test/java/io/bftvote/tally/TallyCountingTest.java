package io.bftvote.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Ed25519;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How certified blocks move the tally: once per height, in height order, by the ledger rules. */
class TallyCountingTest {
  @TempDir Path stateDir;
  private TallyHarness tally;

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry());
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void beforeAnyBlockEveryCandidateHasZeroAtHeightZero() {
    assertEquals(new TallyReport("demo", counts(0, 0, 0), 0), tally.tally("demo"));
  }

  @Test
  void certifiedBlockMovesTheTally() {
    tally.publish(tally.replicas.certify(tally.ledger.next(
        tally.freshVote("alice"), tally.freshVote("bob"), tally.freshVote("bob"))));

    assertEquals(new TallyReport("demo", counts(1, 2, 0), 1), tally.tally("demo"));
    assertEquals(1, tally.counter("bftvote.tally.blocks.counted"));
    assertEquals(3, tally.counter("bftvote.tally.ballots.counted"));
  }

  @Test
  void sameBlockPublishedByFourReplicasCountsOnce() {
    CertifiedBlock block = tally.replicas.certify(tally.ledger.next(tally.freshVote("carol")));
    for (int replica = 0; replica < 4; replica++) {
      tally.publish(block);
    }

    assertEquals(new TallyReport("demo", counts(0, 0, 1), 1), tally.tally("demo"));
    assertEquals(3, tally.counter("bftvote.tally.blocks.redundant"));
  }

  @Test
  void aCopyOfACountedHeightIsSkippedUnreadEvenIfItsBytesAreGarbage() {
    tally.publish(tally.replicas.certify(tally.ledger.next(tally.freshVote("carol"))));
    tally.publishRaw("1", "not even json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertEquals(1, tally.counter("bftvote.tally.blocks.redundant"));
    assertEquals(0, tally.refused(Refusal.MALFORMED), "the key said height 1, counted already: never parsed");
  }

  @Test
  void aMislabelledRecordOnlyHidesItselfTheHonestCopyStillCounts() {
    CertifiedBlock first = tally.replicas.certify(tally.ledger.next(tally.freshVote("alice")));
    CertifiedBlock second = tally.replicas.certify(tally.ledger.next(tally.freshVote("bob")));
    tally.publish(first);
    tally.publishRaw("1", io.bftvote.topics.Json.write(second)); // a liar's label: "this is block 1"

    assertEquals(new TallyReport("demo", counts(1, 0, 0), 1), tally.tally("demo"));
    tally.publish(second);
    assertEquals(new TallyReport("demo", counts(1, 1, 0), 2), tally.tally("demo"));
  }

  @Test
  void copiesCarryingDifferentQuorumsOfTheSameBlockCountOnce() {
    Block block = tally.ledger.next(tally.freshVote("alice"));
    tally.publish(tally.replicas.certifyBy(block, 0, 1, 2));
    tally.publish(tally.replicas.certifyBy(block, 1, 2, 3));
    tally.publish(tally.replicas.certifyBy(block, 0, 1, 2, 3));

    assertEquals(new TallyReport("demo", counts(1, 0, 0), 1), tally.tally("demo"));
  }

  @Test
  void lyingReplicaWithFakeOutcomesIsCountedByTheLedgerRules() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    List<Ballot> ballots = List.of(
        tally.vote(voter, "demo", "alice"),
        tally.vote(voter, "demo", "bob"),       // the same voter again: already-voted
        tally.vote(Ed25519.KeyPair.generate(), "demo", "dave")); // not a candidate
    // The commits only sign the digest of the ballots; the liar rewrites the outcomes around them.
    Block lie = TestLedger.at(1, ballots, List.of("already-voted", "accepted", "accepted"));
    tally.publish(tally.replicas.certify(lie));

    assertEquals(new TallyReport("demo", counts(1, 0, 0), 1), tally.tally("demo"));
    assertEquals(1, tally.counter("bftvote.tally.blocks.outcomes.disagreed"));
  }

  @Test
  void honestOutcomesRaiseNoDisagreement() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Ballot first = tally.vote(voter, "demo", "alice");
    tally.publish(tally.replicas.certify(tally.ledger.next(first, tally.vote(voter, "demo", "bob"))));
    tally.publish(tally.replicas.certify(tally.ledger.next(first))); // honest replicas mark it "duplicate"

    assertEquals(0, tally.counter("bftvote.tally.blocks.outcomes.disagreed"));
  }

  @Test
  void heightsArrivingOutOfOrderWaitForTheGap() {
    CertifiedBlock one = tally.replicas.certify(tally.ledger.next(tally.freshVote("alice")));
    CertifiedBlock two = tally.replicas.certify(tally.ledger.next(tally.freshVote("bob")));
    CertifiedBlock three = tally.replicas.certify(tally.ledger.next(tally.freshVote("carol")));

    tally.publish(three);
    tally.publish(two);
    assertEquals(new TallyReport("demo", counts(0, 0, 0), 0), tally.tally("demo"));

    tally.publish(one);
    assertEquals(new TallyReport("demo", counts(1, 1, 1), 3), tally.tally("demo"));
    assertEquals(2, tally.counter("bftvote.tally.blocks.buffered"));
  }

  @Test
  void copiesOfAWaitingBlockWaitOnceAndCountOnce() {
    CertifiedBlock one = tally.replicas.certify(tally.ledger.next());
    CertifiedBlock two = tally.replicas.certify(tally.ledger.next(tally.freshVote("bob")));

    tally.publish(two);
    tally.publish(two);
    tally.publish(one);
    tally.publish(two);

    assertEquals(new TallyReport("demo", counts(0, 1, 0), 2), tally.tally("demo"));
    assertEquals(1, tally.counter("bftvote.tally.blocks.buffered"));
    assertEquals(2, tally.counter("bftvote.tally.blocks.redundant"));
  }

  @Test
  void executionOrderIsHeightOrderNotArrivalOrder() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    CertifiedBlock one = tally.replicas.certify(tally.ledger.next(tally.vote(voter, "demo", "alice")));
    CertifiedBlock two = tally.replicas.certify(tally.ledger.next(tally.vote(voter, "demo", "bob")));

    tally.publish(two); // arrives first, but the voter's first ballot is the one at height 1
    tally.publish(one);

    assertEquals(new TallyReport("demo", counts(1, 0, 0), 2), tally.tally("demo"));
  }

  @Test
  void votersSecondBallotDoesNotCount() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    tally.publish(tally.replicas.certify(tally.ledger.next(tally.vote(voter, "demo", "alice"))));
    tally.publish(tally.replicas.certify(tally.ledger.next(tally.vote(voter, "demo", "bob"))));

    assertEquals(new TallyReport("demo", counts(1, 0, 0), 2), tally.tally("demo"));
  }

  @Test
  void ballotCommittedTwiceCountsOnce() {
    Ballot ballot = tally.freshVote("carol");
    tally.publish(tally.replicas.certify(tally.ledger.next(ballot, ballot)));
    tally.publish(tally.replicas.certify(tally.ledger.next(ballot)));

    assertEquals(new TallyReport("demo", counts(0, 0, 1), 2), tally.tally("demo"));
    assertEquals(1, tally.counter("bftvote.tally.ballots.counted"));
  }

  @Test
  void ballotsTheRulesRejectMoveNoCount() {
    tally.publish(tally.replicas.certify(tally.ledger.next(
        tally.vote(Ed25519.KeyPair.generate(), "mayor", "alice"),   // unknown election
        tally.vote(Ed25519.KeyPair.generate(), "demo", "mallory"),  // unknown candidate
        tally.vote(Ed25519.KeyPair.generate(), "board", "yes"),     // not on the roll
        tally.vote(tally.boardMember, "board", "no"))));

    assertEquals(new TallyReport("demo", counts(0, 0, 0), 1), tally.tally("demo"));
    assertEquals(new TallyReport("board", Map.of("yes", 0L, "no", 1L), 1), tally.tally("board"));
  }

  @Test
  void emptyBlockAdvancesTheHeightOnly() {
    tally.publish(tally.replicas.certify(tally.ledger.next()));

    assertEquals(new TallyReport("demo", counts(0, 0, 0), 1), tally.tally("demo"));
  }

  @Test
  void unknownElectionHasNoReport() {
    assertEquals(java.util.Optional.empty(), tally.queries.report("mayor"));
  }

  private static Map<String, Long> counts(long alice, long bob, long carol) {
    return Map.of("alice", alice, "bob", bob, "carol", carol);
  }
}
