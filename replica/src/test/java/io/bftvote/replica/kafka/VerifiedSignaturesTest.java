package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.core.Verifier;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A remembered signature stands in for a check only for the very message that passed it: a copy
 * changed in anything signed, re-signed, or claiming another sender is checked afresh.
 */
class VerifiedSignaturesTest {
  private static final List<Ed25519.KeyPair> KEYS = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private static final Cluster CLUSTER = new Cluster(KEYS.stream().map(Ed25519.KeyPair::publicKey).toList());
  private static final String DIGEST = "ab".repeat(32);

  @Test
  void onlyTheExactMessageThatWasRememberedIsKnown() {
    VerifiedSignatures verified = new VerifiedSignatures(16);
    ConsensusMessage prepare = prepare(1, 6).signedBy(KEYS.get(1));
    verified.remember(prepare);

    assertTrue(verified.holds(prepare));
    assertTrue(verified.holds(prepare(1, 6).signedBy(KEYS.get(1))), "an equal copy, as read from Kafka again");
    assertFalse(verified.holds(prepare(1, 7).signedBy(KEYS.get(1))), "another sequence");
    assertFalse(verified.holds(ConsensusMessage.of(Phase.COMMIT, 0, 6, DIGEST, 1).signedBy(KEYS.get(1))), "another phase");
    ConsensusMessage otherSender = new ConsensusMessage(Phase.PREPARE, 0, 6, DIGEST, 2, null, null, null,
        prepare.signature());
    assertFalse(verified.holds(otherSender), "the same signature claimed for another sender");
    assertFalse(verified.holds(prepare(1, 6)), "unsigned");
    assertFalse(verified.holds(new ConsensusMessage(null, 0, 6, DIGEST, 1, null, null, null, prepare.signature())),
        "no phase: a view-change may quote anything");
  }

  @Test
  void theCoresVerifierChecksWhatItDoesNotKnowAndRemembersOnlyWhatHeld() {
    VerifiedSignatures verified = new VerifiedSignatures(16);
    Verifier verifier = verified.verifier(CLUSTER);
    ConsensusMessage good = prepare(1, 6).signedBy(KEYS.get(1));
    ConsensusMessage forged = prepare(1, 6).signedBy(KEYS.get(2));

    assertTrue(verifier.verifies(good));
    assertFalse(verifier.verifies(forged));

    assertTrue(verified.holds(good));
    assertFalse(verified.holds(forged));
    assertFalse(verifier.verifies(forged), "still refused the second time");
  }

  @Test
  void whatTheReplicaSignsItselfIsKnownWhenItComesBackAndNothingElseIs() {
    VerifiedSignatures verified = new VerifiedSignatures(16);
    ConsensusMessage signed = verified.signer(KEYS.get(1)).sign(prepare(1, 6));

    assertEquals(prepare(1, 6).signedBy(KEYS.get(1)), signed, "signed as by the key itself");
    assertTrue(verified.holds(prepare(1, 6).signedBy(KEYS.get(1))), "its echo, as read from the topic");
    assertFalse(verified.holds(prepare(1, 6).signedBy(KEYS.get(2))), "a forgery in its name");
    assertFalse(verified.holds(prepare(1, 7).signedBy(KEYS.get(1))), "a message it did not sign");
  }

  @Test
  void itHoldsAtMostItsCapacityForgettingTheOldestFirst() {
    VerifiedSignatures verified = new VerifiedSignatures(3);
    for (long sequence = 1; sequence <= 5; sequence++) {
      verified.remember(prepare(1, sequence).signedBy(KEYS.get(1)));
    }

    assertEquals(3, verified.size());
    assertFalse(verified.holds(prepare(1, 2).signedBy(KEYS.get(1))));
    assertTrue(verified.holds(prepare(1, 3).signedBy(KEYS.get(1))));
    assertTrue(verified.holds(prepare(1, 5).signedBy(KEYS.get(1))));
  }

  private static ConsensusMessage prepare(int sender, long sequence) {
    return ConsensusMessage.of(Phase.PREPARE, 0, sequence, DIGEST, sender);
  }
}
