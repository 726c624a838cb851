package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyVerifier;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {
  private static final String ID = "ab".repeat(32);
  private final TestCluster replicas = new TestCluster();
  private final ReplyVerifier verifier = new ReplyVerifier(replicas.cluster);

  @Test
  void aReplySignedByTheReplicaItNamesCounts() {
    assertNull(problem(replicas.reply(2, ID, Outcome.ACCEPTED, 7)));
    assertNull(problem(replicas.reply(2, ID, Outcome.ALREADY_VOTED, 7)));
  }

  @Test
  void aReplyClaimingAnotherReplicasIdIsAForgery() {
    Reply forged = Reply.of(ID, Outcome.ACCEPTED, 7, 1).signedBy(replicas.keys.get(3));
    assertEquals("bad-signature", code(forged));
  }

  @Test
  void aReplySignedByAStrangerIsAForgery() {
    Reply forged = Reply.of(ID, Outcome.ACCEPTED, 7, 0).signedBy(Ed25519.KeyPair.generate());
    assertEquals("bad-signature", code(forged));
  }

  @Test
  void anUnsignedReplyDoesNotCount() {
    assertEquals("bad-signature", code(Reply.of(ID, Outcome.ACCEPTED, 7, 0)));
  }

  @Test
  void aReplyFromAReplicaOutsideTheClusterDoesNotCount() {
    Reply outsider = Reply.of(ID, Outcome.ACCEPTED, 7, 4).signedBy(replicas.keys.get(0));
    assertEquals("unknown-replica", code(outsider));
  }

  @Test
  void aDuplicateOutcomeIsNeverReplied() {
    assertEquals("bad-status", code(replicas.reply(0, ID, Outcome.DUPLICATE, 7)));
  }

  @Test
  void aRejectionWithoutAReasonIsMalformed() {
    Reply noReason = new Reply(ID, "rejected", null, 7, 0, null, null, null).signedBy(replicas.keys.get(0));
    assertEquals("bad-reason", code(noReason));
  }

  @Test
  void aReplyForTheGenesisHeightIsMalformed() {
    assertEquals("bad-height", code(replicas.reply(0, ID, Outcome.ACCEPTED, 0)));
  }

  @Test
  void aReplyForAnUppercaseIdIsMalformed() {
    assertEquals("bad-request-id", code(replicas.reply(0, ID.toUpperCase(), Outcome.ACCEPTED, 7)));
  }

  @Test
  void aRequestIdIsExactlySixtyFourLowercaseHexDigits() {
    for (String id : new String[] {ID.substring(1), ID + "0", "g" + ID.substring(1), ID.substring(1) + "/",
        ID.substring(1) + ":", ID.substring(1) + "`", ID.substring(1) + "\uff10", ""}) {
      assertEquals("bad-request-id", code(replicas.reply(0, id, Outcome.ACCEPTED, 7)), id);
    }
    assertEquals("bad-request-id", code(new Reply(null, "accepted", null, 7, 0, null, null, null)));
    assertNull(problem(replicas.reply(0, "0123456789abcdef".repeat(4), Outcome.ACCEPTED, 7)));
  }

  @Test
  void aReplyWhoseProofDoesNotLeadToTheSignedRootIsAForgery() {
    Reply genuine = replicas.reply(1, ID, Outcome.ACCEPTED, 7);
    Reply otherOutcome = new Reply(ID, "rejected", "already-voted", 7, 1, genuine.root(), genuine.proof(),
        genuine.signature());
    assertEquals("bad-signature", code(otherOutcome));
  }

  @Test
  void theCheapHalfPassesAForgeryTheSignatureHalfCatches() {
    Reply forged = Reply.of(ID, Outcome.ACCEPTED, 7, 0).signedBy(Ed25519.KeyPair.generate());
    assertNull(ReplyCheck.formProblem(forged, replicas.cluster));
    assertEquals("bad-signature", ReplyCheck.signatureProblem(forged, verifier).code());
  }

  private Rejection problem(Reply reply) {
    Rejection form = ReplyCheck.formProblem(reply, replicas.cluster);
    return form != null ? form : ReplyCheck.signatureProblem(reply, verifier);
  }

  private String code(Reply reply) {
    return problem(reply).code();
  }
}
