package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Reply;
import java.util.regex.Pattern;

/**
 * Whether a reply read from {@code bft.replies} may count towards an outcome. Anyone with access to
 * the broker can write there, so a reply counts only if it is well formed and signed by the replica
 * it names. The signature is checked last: it is the only costly check.
 */
final class ReplyCheck {
  private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{64}");

  private ReplyCheck() {}

  /** Why the reply must be ignored, or null if it counts. */
  static Rejection problem(Reply reply, Cluster cluster) {
    if (reply.requestId() == null || !REQUEST_ID.matcher(reply.requestId()).matches()) {
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
    if (!reply.hasValidSignature(cluster)) {
      return new Rejection("bad-signature", "signature does not verify under replica " + reply.replica() + "'s key");
    }
    return null;
  }
}
