package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.ConsensusMessage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quorum arithmetic of PBFT §4.2 for n = 4 (f = 1, quorum 3) and n = 7 (f = 2, quorum 5). */
class SlotTest {
  private static final int PRIMARY = 0;

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void preparedNeedsThePrePrepareAndTwoFMatchingPreparesFromBackups(int n) {
    Fixture fixture = Fixture.of(n);
    int f = fixture.cluster().f();
    ConsensusMessage prePrepare = fixture.prePrepare(PRIMARY, 0, 1, fixture.ballots(2));
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));

    for (int backup = 1; backup <= 2 * f; backup++) {
      slot.addPrepare(fixture.prepare(backup, 0, 1, prePrepare.digest()));
    }
    assertFalse(slot.prepared(), "2f prepares without the pre-prepare are not enough");

    slot.acceptPrePrepare(prePrepare);
    assertTrue(slot.prepared(), "pre-prepare + 2f prepares is prepared");
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void preparedIsNotReachedWithOneFewerThanTwoFPrepares(int n) {
    Fixture fixture = Fixture.of(n);
    int f = fixture.cluster().f();
    ConsensusMessage prePrepare = fixture.prePrepare(PRIMARY, 0, 1, fixture.ballots(1));
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));
    slot.acceptPrePrepare(prePrepare);

    for (int backup = 1; backup < 2 * f; backup++) {
      slot.addPrepare(fixture.prepare(backup, 0, 1, prePrepare.digest()));
    }
    assertFalse(slot.prepared());
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void thePrimarysOwnPrepareAndPreparesForAnotherDigestDoNotCount(int n) {
    Fixture fixture = Fixture.of(n);
    int f = fixture.cluster().f();
    ConsensusMessage prePrepare = fixture.prePrepare(PRIMARY, 0, 1, fixture.ballots(1));
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));
    slot.acceptPrePrepare(prePrepare);

    slot.addPrepare(fixture.prepare(PRIMARY, 0, 1, prePrepare.digest()));
    for (int backup = 1; backup < 2 * f; backup++) {
      slot.addPrepare(fixture.prepare(backup, 0, 1, prePrepare.digest()));
    }
    slot.addPrepare(fixture.prepare(2 * f, 0, 1, "another-digest"));
    assertFalse(slot.prepared());
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void aReplicaVotesOnceAndItsSecondDigestIsIgnored(int n) {
    Fixture fixture = Fixture.of(n);
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));

    assertEquals(Votes.Added.COUNTED, slot.addCommit(fixture.commit(1, 0, 1, "d1")));
    assertEquals(Votes.Added.DUPLICATE, slot.addCommit(fixture.commit(1, 0, 1, "d1")));
    assertEquals(Votes.Added.CONFLICTING, slot.addCommit(fixture.commit(1, 0, 1, "d2")));
    assertEquals("d1", slot.commitFrom(1).digest(), "the first vote stands");
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void committedLocalNeedsPreparedAndTwoFPlusOneMatchingCommits(int n) {
    Fixture fixture = Fixture.of(n);
    int f = fixture.cluster().f();
    ConsensusMessage prePrepare = fixture.prePrepare(PRIMARY, 0, 1, fixture.ballots(1));
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));
    slot.acceptPrePrepare(prePrepare);
    for (int replica = n - 1; replica >= n - 2 * f - 1; replica--) { // 2f+1 commits, highest ids first
      slot.addCommit(fixture.commit(replica, 0, 1, prePrepare.digest()));
    }
    assertFalse(slot.committedLocal(), "2f+1 commits but not prepared");

    for (int backup = 1; backup <= 2 * f; backup++) {
      slot.addPrepare(fixture.prepare(backup, 0, 1, prePrepare.digest()));
    }
    assertTrue(slot.committedLocal());
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void theCertificateIsExactlyTwoFPlusOneMatchingCommitsInSenderOrder(int n) {
    Fixture fixture = Fixture.of(n);
    int quorum = fixture.cluster().quorum();
    ConsensusMessage prePrepare = fixture.prePrepare(PRIMARY, 0, 1, fixture.ballots(1));
    Slot slot = new Slot(1, new QuorumRule(fixture.cluster()));
    slot.acceptPrePrepare(prePrepare);
    for (int backup = 1; backup < n; backup++) {
      slot.addPrepare(fixture.prepare(backup, 0, 1, prePrepare.digest()));
    }
    slot.addCommit(fixture.commit(0, 0, 1, "a-digest-of-a-faulty-replica"));
    for (int replica = n - 1; replica >= 1; replica--) {
      slot.addCommit(fixture.commit(replica, 0, 1, prePrepare.digest()));
    }

    List<Integer> senders = slot.certificate().stream().map(ConsensusMessage::sender).toList();
    List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, quorum).boxed().toList();
    assertEquals(expected, senders);
  }
}
