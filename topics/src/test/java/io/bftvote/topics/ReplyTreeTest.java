package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyTreeTest {
  private final List<Ed25519.KeyPair> keys = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private final Cluster cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());

  private static List<Reply> block(long height, int replica, int size) {
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Outcome outcome = i % 3 == 0 ? Outcome.ALREADY_VOTED : Outcome.ACCEPTED;
      replies.add(Reply.of(Bytes.sha256Hex(Bytes.utf8("ballot " + i)), outcome, height, replica));
    }
    return replies;
  }

  @Test
  void everyReplyOfEveryTreeShapeChecksOnItsOwn() {
    for (int size = 1; size <= 33; size++) {
      List<Reply> signed = ReplyTree.sign(block(7, 2, size), keys.get(2));
      assertEquals(size, signed.size());
      for (Reply reply : signed) {
        assertTrue(reply.hasValidSignature(cluster), "a reply of a block of " + size);
        assertEquals(signed.get(0).root(), reply.root());
        assertEquals(signed.get(0).signature(), reply.signature());
      }
    }
  }

  @Test
  void aBlockOfFiveHundredRepliesCostsOneSignatureCheckPerReplica() {
    ReplyVerifier verifier = new ReplyVerifier(cluster);
    for (int replica = 0; replica < 2; replica++) {
      for (Reply reply : ReplyTree.sign(block(3, replica, 500), keys.get(replica))) {
        assertTrue(verifier.verifies(reply));
      }
    }
    assertEquals(2, verifier.signatureChecks());
  }

  @Test
  void aChangedOutcomeNoLongerLeadsToTheSignedRoot() {
    Reply honest = ReplyTree.sign(block(7, 1, 10), keys.get(1)).get(4);
    Reply lie = new Reply(honest.requestId(), "rejected", "already-voted", honest.height(), honest.replica(),
        honest.root(), honest.proof(), honest.signature());
    assertFalse(lie.proofHolds());
    assertFalse(new ReplyVerifier(cluster).verifies(lie));
  }

  @Test
  void aReplyMovedToAnotherHeightOrReplicaIsNotSignedThere() {
    Reply honest = ReplyTree.sign(block(7, 1, 10), keys.get(1)).get(4);
    Reply otherHeight = new Reply(honest.requestId(), honest.status(), honest.reason(), 8, 1,
        honest.root(), honest.proof(), honest.signature());
    Reply otherReplica = new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 2,
        honest.root(), honest.proof(), honest.signature());
    ReplyVerifier verifier = new ReplyVerifier(cluster);
    assertTrue(verifier.verifies(honest));
    assertFalse(verifier.verifies(otherHeight));
    assertFalse(verifier.verifies(otherReplica));
  }

  @Test
  void aForgedSignatureOverAGenuineRootFailsEvenAfterTheGenuineOneWasSeen() {
    Reply honest = ReplyTree.sign(block(7, 1, 4), keys.get(1)).get(0);
    ReplyVerifier verifier = new ReplyVerifier(cluster);
    assertTrue(verifier.verifies(honest));
    String forged = Ed25519.KeyPair.generate().signB64(honest.signedBytes());
    assertFalse(verifier.verifies(new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 1,
        honest.root(), honest.proof(), forged)));
  }

  @Test
  void malformedProofsAreRefusedNotThrown() {
    Reply honest = ReplyTree.sign(block(7, 1, 4), keys.get(1)).get(1);
    String fullwidthDigits = "\uff10".repeat(64); // digits to Character.digit, not to hex
    for (List<String> proof : List.of(List.of("x" + "0".repeat(64)), List.of("l" + "zz".repeat(32)), List.of("l00"),
        List.of("r" + fullwidthDigits), java.util.Arrays.asList((String) null),
        java.util.Collections.nCopies(ReplyTree.MAX_DEPTH + 1, "l" + "0".repeat(64)))) {
      Reply bad = new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 1, honest.root(), proof,
          honest.signature());
      assertFalse(bad.proofHolds(), proof.toString());
    }
    assertFalse(new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 1, null, null, null).proofHolds());
  }

  @Test
  void oneTreeHoldsOneBlockOfOneReplica() {
    List<Reply> mixed = List.of(Reply.of("a".repeat(64), Outcome.ACCEPTED, 1, 0), Reply.of("b".repeat(64), Outcome.ACCEPTED, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> ReplyTree.sign(mixed, keys.get(0)));
  }

  /**
   * Roots, proofs and their JSON are a contract: every reply of trees of 1 to 33 leaves, written,
   * hashes to what the first implementation (one string per proof step, hex compared) produced.
   */
  @Test
  void theRepliesOnTheWireAreByteForByteWhatTheyWere() {
    Ed25519.KeyPair key = Ed25519.KeyPair.fromPrivate(Bytes.sha256(Bytes.utf8("golden replica")));
    List<String> wire = new ArrayList<>();
    for (int size = 1; size <= 33; size++) {
      for (Reply reply : ReplyTree.sign(block(7, 2, size), key)) {
        wire.add(new String(Json.write(reply), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    String firstOfTheTreeOfFive = wire.get(1 + 2 + 3 + 4);
    assertEquals("{\"requestId\":\"5d7553bbaf27657589d699455679d59d6783a10939ea956e37797ae41c49f426\","
        + "\"status\":\"rejected\",\"reason\":\"already-voted\",\"height\":7,\"replica\":2,"
        + "\"root\":\"db60ec32b4c8200fcf81063ca16aa5ec264030d181b1167d7ab8851d9e2eb725\","
        + "\"proof\":[\"r136ef3ccd7c8da470e54e6a7ecaceae76baa131a4e4ef5808192f70306cafe3c\","
        + "\"r5e55e84a717123ae8c0e697a067fe66263f6c4bb2b2d3425a349af17c7a78802\","
        + "\"radb906e2bd60210bee0c8114a28f14a487edcc5ff90dc2287b027e1f382cd338\"],"
        + "\"signature\":\"uIp3gv1wKOvnCWGs-j6abKWrcEvHOKE08DD4p72PSzYDmmfqJSFIjOj0DM2ed_yfIrEKPxb7w9Ss_R1UCOEeDA\"}",
        firstOfTheTreeOfFive);
    assertEquals("45523dc3c70a40f7e93c3b651a365962633d5448f083014a00ab6292ddc8370b",
        Bytes.sha256Hex(Bytes.utf8(String.join("\n", wire) + "\n")));
  }

  @Test
  void aProofStepSpelledInUppercaseHexStillLeadsToTheRootButTheRootMustBeLowercase() {
    Reply honest = ReplyTree.sign(block(7, 1, 6), keys.get(1)).get(3);
    List<String> upper = honest.proof().stream().map(step -> step.charAt(0) + step.substring(1).toUpperCase()).toList();
    assertTrue(new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 1, honest.root(), upper,
        honest.signature()).proofHolds());
    assertFalse(new Reply(honest.requestId(), honest.status(), honest.reason(), 7, 1, honest.root().toUpperCase(),
        honest.proof(), honest.signature()).proofHolds());
  }

  @Test
  void aSignedReplySurvivesTheWire() {
    Reply signed = ReplyTree.sign(block(9, 3, 5), keys.get(3)).get(2);
    Reply read = Json.read(Json.write(signed), Reply.class);
    assertEquals(signed, read);
    assertTrue(read.hasValidSignature(cluster));
  }
}
