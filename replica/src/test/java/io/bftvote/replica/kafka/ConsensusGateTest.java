package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsensusGateTest {
  private static final List<Ed25519.KeyPair> KEYS = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private static final Cluster CLUSTER = new Cluster(KEYS.stream().map(Ed25519.KeyPair::publicKey).toList());
  private static final String DIGEST = "ab".repeat(32);

  private final BallotVerifier verifier = new BallotVerifier("test", 2);
  private long stableCheckpoint = 5;
  private final VerifiedSignatures verified = new VerifiedSignatures(64);
  private final ConsensusGate gate = new ConsensusGate(2, CLUSTER, verifier, verified, () -> stableCheckpoint);

  @AfterEach
  void closeVerifier() {
    verifier.close();
  }

  @Test
  void aPrepareSignedByItsSenderPasses() {
    assertNull(gate.problem(prepare(1, 6).signedBy(KEYS.get(1))));
  }

  @Test
  void aMessageSignedByAnotherKeyThanItsSendersIsABadSignature() {
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(prepare(1, 6).signedBy(KEYS.get(3))));
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(prepare(1, 6)), "an unsigned message");
  }

  @Test
  void aSignatureThatHeldIsRememberedForTheViewChangesThatQuoteItAndOneThatFailedIsNot() {
    ConsensusMessage good = prepare(1, 6).signedBy(KEYS.get(1));
    ConsensusMessage forged = prepare(3, 6).signedBy(KEYS.get(1));

    assertEquals(List.of(true, false), asList(gate.signaturesHold(List.of(good, forged))));

    assertTrue(verified.holds(good));
    assertFalse(verified.holds(forged));
    assertEquals(List.of(true, false), asList(gate.signaturesHold(List.of(good, forged))), "the same verdicts again");
  }

  @Test
  void aSenderOutsideTheClusterIsUnknown() {
    assertEquals(ConsensusGate.UNKNOWN_SENDER, gate.problem(prepare(9, 6).signedBy(KEYS.get(1))));
  }

  @Test
  void aMessageAddressedToAnotherReplicaIsNotOurs() {
    ConsensusMessage toThree = prepare(1, 6).addressedTo(3).signedBy(KEYS.get(1));
    ConsensusMessage toUs = prepare(1, 6).addressedTo(2).signedBy(KEYS.get(1));

    assertEquals(ConsensusGate.ADDRESSED_ELSEWHERE, gate.problem(toThree));
    assertNull(gate.problem(toUs));
  }

  @Test
  void aPrePrepareHoldingOneBallotWithABadSignatureIsDroppedWhole() {
    Ballot good = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1");
    Ballot honest = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n1");
    Ballot tampered = new Ballot(honest.election(), honest.voter(), "carol", honest.nonce(), honest.signature());
    List<Ballot> batch = List.of(good, tampered);
    ConsensusMessage prePrepare = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 6, BatchDigest.of(batch), 0)
        .withBatch(batch).signedBy(KEYS.get(0));

    assertEquals(ConsensusGate.INVALID_BALLOT, gate.problem(prePrepare));
  }

  @Test
  void orderingMessagesAtOrBelowTheStableCheckpointAreStaleAndSkippedUnverified() {
    assertTrue(gate.isStale(prepare(1, 5)));
    assertFalse(gate.isStale(prepare(1, 6)));
    stableCheckpoint = 6;
    assertTrue(gate.isStale(prepare(1, 6)), "the checkpoint is read live");
    assertFalse(gate.isStale(ConsensusMessage.of(Phase.VIEW_CHANGE, 1, 0, DIGEST, 1)),
        "a view-change names its checkpoint, not a sequence to order: never stale by sequence");
  }

  @Test
  void aPrePrepareAddressedToAnotherReplicaStillReachesTheCoreAsEvidenceIfThePrimarySignedIt() {
    Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1");
    ConsensusMessage toThree = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 6, BatchDigest.of(List.of(ballot)), 0)
        .withBatch(List.of(ballot)).addressedTo(3);

    assertNull(gate.problem(toThree.signedBy(KEYS.get(0))), "it may prove the primary equivocates");
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(toThree.signedBy(KEYS.get(1))));
  }

  @Test
  void ourOwnBroadcastComingBackIsRecognised() {
    assertTrue(gate.isOwnEcho(prepare(2, 6).signedBy(KEYS.get(2))));
    assertFalse(gate.isOwnEcho(prepare(1, 6).signedBy(KEYS.get(1))));
  }

  @Test
  void aForgeryInOurNameIsRefusedAfterOurOwnMessageWasSigned() {
    ConsensusMessage ours = verified.signer(KEYS.get(2)).sign(prepare(2, 6));
    ConsensusMessage forged = prepare(2, 6).signedBy(KEYS.get(1));

    assertNull(gate.problem(ours));
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(forged));
  }

  @Test
  void aPollsSignaturesCheckedTogetherGetTheVerdictsEachWouldGetAlone() {
    List<ConsensusMessage> poll = new ArrayList<>();
    for (long n = 6; n < 26; n++) {
      poll.add(prepare(1 + (int) (n % 2) * 2, n).signedBy(KEYS.get(1 + (int) (n % 2) * 2))); // from 1 and 3
    }
    poll.add(3, prepare(1, 40).signedBy(KEYS.get(3)));             // another replica's key
    poll.add(7, prepare(1, 41));                                   // unsigned
    poll.add(11, prepare(9, 42).signedBy(KEYS.get(1)));            // not a replica
    poll.add(15, prepare(1, 43).addressedTo(3).signedBy(KEYS.get(1))); // someone else's

    boolean[] together = gate.signaturesHold(poll);

    for (int i = 0; i < poll.size(); i++) {
      ConsensusMessage m = poll.get(i);
      ConsensusGate alone = new ConsensusGate(2, CLUSTER, verifier, new VerifiedSignatures(1), () -> stableCheckpoint);
      assertEquals(alone.problem(m), gate.problem(m, together[i]), "message " + i + ": " + m);
    }
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(poll.get(3), together[3]));
    assertEquals(ConsensusGate.BAD_SIGNATURE, gate.problem(poll.get(7), together[7]));
    assertNull(gate.problem(poll.get(0), together[0]));
  }

  private static List<Boolean> asList(boolean[] verdicts) {
    List<Boolean> list = new ArrayList<>();
    for (boolean verdict : verdicts) {
      list.add(verdict);
    }
    return list;
  }

  private static ConsensusMessage prepare(int sender, long sequence) {
    return ConsensusMessage.of(Phase.PREPARE, 0, sequence, DIGEST, sender);
  }
}
