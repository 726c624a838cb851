package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BallotVerifierTest {
  private final BallotVerifier verifier = new BallotVerifier("test", 2);

  @AfterEach
  void close() {
    verifier.close();
  }

  @Test
  void aVerifiedBallotDoesNotVouchForACopyWithAnotherSignature() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Ballot signed = Ballot.sign(voter, "demo", "alice", "n1");
    Ballot otherSignature = Ballot.sign(voter, "demo", "alice", "n2");
    Ballot forged = new Ballot(signed.election(), signed.voter(), signed.candidate(), signed.nonce(),
        otherSignature.signature());
    assertEquals(signed.requestId(), forged.requestId(), "the request id does not cover the signature");

    assertTrue(verifier.isValid(signed));
    assertFalse(verifier.isValid(forged), "a cached request id must not let another signature through");
  }

  @Test
  void insideABatchARememberedBallotPassesAndACopyWithAnotherSignatureOrABrokenFieldDoesNot() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Ballot remembered = Ballot.sign(voter, "demo", "alice", "n1");
    assertTrue(verifier.isValid(remembered));
    Ballot otherSignature = Ballot.sign(voter, "demo", "alice", "n2");
    Ballot forged = new Ballot(remembered.election(), remembered.voter(), remembered.candidate(), remembered.nonce(),
        otherSignature.signature());
    Ballot badNonce = new Ballot("demo", remembered.voter(), "alice", "not a nonce", remembered.signature());
    List<Ballot> batch = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      batch.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n" + i));
    }
    batch.addAll(List.of(remembered, forged, badNonce));

    List<Boolean> validity = verifier.validity(batch);

    assertEquals(List.of(true, false, false), validity.subList(70, 73));
    assertFalse(validity.subList(0, 70).contains(Boolean.FALSE));
  }

  @Test
  void validityAnswersForEachBallotInOrderAcrossThePool() {
    List<Ballot> ballots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Ballot b = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n" + i);
      ballots.add(i % 7 == 3 ? new Ballot(b.election(), b.voter(), "carol", b.nonce(), b.signature()) : b);
    }

    List<Boolean> validity = verifier.validity(ballots);

    for (int i = 0; i < 100; i++) {
      assertEquals(i % 7 != 3, validity.get(i), "ballot " + i);
    }
    assertFalse(verifier.allValid(ballots));
    assertTrue(verifier.allValid(ballots.subList(0, 3)));
  }
}
