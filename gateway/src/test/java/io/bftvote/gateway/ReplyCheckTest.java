package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {
  private static final String ID = "ab".repeat(32);
  private final TestCluster replicas = new TestCluster();

  @Test
  void aReplySignedByTheReplicaItNamesCounts() {
    assertNull(ReplyCheck.problem(replicas.reply(2, ID, Outcome.ACCEPTED, 7), replicas.cluster));
    assertNull(ReplyCheck.problem(replicas.reply(2, ID, Outcome.ALREADY_VOTED, 7), replicas.cluster));
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

  private String code(Reply reply) {
    return ReplyCheck.problem(reply, replicas.cluster).code();
  }
}
