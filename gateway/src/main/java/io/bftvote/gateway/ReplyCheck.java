package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyVerifier;

/**
 * Whether a reply read from {@code bft.replies} may count towards an outcome. Anyone with access to
 * the broker can write there, so a reply counts only if it is well formed and signed by the replica
 * it names. Two halves, so the cheap one can decide first whether the costly one is worth running.
 */
final class ReplyCheck {
  private ReplyCheck() {}

  /** Why the reply is malformed or names no replica of the cluster, or null. No hashing, no signature. */
  static Rejection formProblem(Reply reply, Cluster cluster) {
    if (!Ballot.isRequestId(reply.requestId())) {
      return new Rejection("bad-request-id", "request id is not 64 lowercase hex characters");
    }
    if (!"accepted".equals(reply.status()) && !"rejected".equals(reply.status())) {
      return new Rejection("bad-status", "status must be accepted or rejected, got " + reply.status());
    }
    if ("rejected".equals(reply.status()) == (reply.reason() == null)) {
      return new Rejection("bad-reason", "a rejected outcome needs a reason and an accepted one has none");
    }
    if (reply.height() < 1) {
      return new Rejection("bad-height", "height " + reply.height() + " is not a committed block");
    }
    if (!cluster.isReplica(reply.replica())) {
      return new Rejection("unknown-replica", "replica " + reply.replica() + " is not in the cluster file");
    }
    return null;
  }

  /**
   * Why the reply is not the named replica's word, or null: its Merkle proof must lead to the root
   * the replica signed for the block. A few hashes, plus one Ed25519 verification per (replica,
   * block), which the verifier remembers.
   */
  static Rejection signatureProblem(Reply reply, ReplyVerifier verifier) {
    if (verifier.verifies(reply)) {
      return null;
    }
    return new Rejection("bad-signature", "its proof or its signature does not verify under replica "
        + reply.replica() + "'s key");
  }
}
