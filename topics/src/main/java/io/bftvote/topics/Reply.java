package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A replica's signed word on one ballot's outcome, on {@code bft.replies} keyed by request id.
 * A client trusts an outcome once f+1 replicas sent matching replies (PBFT §4.1).
 */
@JsonPropertyOrder({"requestId", "status", "reason", "height", "replica", "signature"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(String requestId, String status, String reason, long height, int replica, String signature) {
  public static final String DOMAIN = "bftvote/reply/v1";

  public static Reply of(String requestId, Outcome outcome, long height, int replica) {
    return new Reply(requestId, outcome.status(), outcome.reason(), height, replica, null);
  }

  public Reply signedBy(Ed25519.KeyPair key) {
    return new Reply(requestId, status, reason, height, replica, key.signB64(signedBytes()));
  }

  @JsonIgnore
  public byte[] signedBytes() {
    return Bytes.utf8(DOMAIN + '\n' + requestId + '\n' + status + '\n' + (reason == null ? "" : reason) + '\n'
        + height + '\n' + replica);
  }

  public boolean hasValidSignature(Cluster cluster) {
    return signature != null && cluster.isReplica(replica)
        && Ed25519.verify(cluster.publicKey(replica), signedBytes(), signature);
  }

  /** Two replies agree if they report the same outcome at the same height. */
  public boolean matches(Reply other) {
    return requestId.equals(other.requestId) && status.equals(other.status) && height == other.height
        && java.util.Objects.equals(reason, other.reason);
  }
}
