package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A replica's signed word on one ballot's outcome, on {@code bft.replies} keyed by request id.
 * A client trusts an outcome once f+1 replicas sent matching replies (PBFT §4.1).
 *
 * <p>A replica does not sign each reply: it puts all replies of a block in a Merkle tree
 * ({@link ReplyTree}) and signs the root once, with the height and its id. Each reply carries the
 * root, that one signature, and the path from its leaf to the root, so it can still be checked on
 * its own — with a few hashes, and one signature verification per (replica, block) that a
 * {@link ReplyVerifier} remembers. Signing per block instead of per ballot takes n Ed25519
 * signatures per vote off the replicas and n verifications per vote off every client.
 *
 * @param root lowercase hex SHA-256 root of the block's reply tree
 * @param proof the siblings from leaf to root, each {@code l<hex>} (the sibling is on the left) or
 *     {@code r<hex>} (on the right); empty when the reply is the tree's only leaf
 */
@JsonPropertyOrder({"requestId", "status", "reason", "height", "replica", "root", "proof", "signature"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(String requestId, String status, String reason, long height, int replica, String root,
                    List<String> proof, String signature) {
  public static final String DOMAIN = "bftvote/replies/v2";

  public static Reply of(String requestId, Outcome outcome, long height, int replica) {
    return new Reply(requestId, outcome.status(), outcome.reason(), height, replica, null, null, null);
  }

  /** Signs this reply alone: a tree of one leaf, whose root is the leaf itself. */
  public Reply signedBy(Ed25519.KeyPair key) {
    return ReplyTree.sign(List.of(this), key).get(0);
  }

  /** The same reply, placed in a signed tree. */
  Reply withProof(String root, List<String> proof, String signature) {
    return new Reply(requestId, status, reason, height, replica, root, List.copyOf(proof), signature);
  }

  /** What the replica signs: its id, the height and the root, so one signature covers the whole block. */
  @JsonIgnore
  public byte[] signedBytes() {
    return rootStatement(height, replica, root);
  }

  static byte[] rootStatement(long height, int replica, String root) {
    return Bytes.utf8(DOMAIN + '\n' + height + '\n' + replica + '\n' + root);
  }

  /** True if the proof leads from this reply's leaf to its root. Costs hashes only, no signature. */
  public boolean proofHolds() {
    return proofHolds(null);
  }

  /** {@link #proofHolds()}, with the inner nodes already hashed taken from {@code known} (may be null). */
  boolean proofHolds(KnownParents known) {
    return root != null && proof != null && ReplyTree.proves(this, proof, root, known);
  }

  /** The whole check, without a cache: proof, known replica, signature over the root. */
  public boolean hasValidSignature(Cluster cluster) {
    return signature != null && cluster.isReplica(replica) && proofHolds()
        && Ed25519.verify(cluster.publicKey(replica), signedBytes(), signature);
  }

  /** Two replies agree if they report the same outcome at the same height. */
  public boolean matches(Reply other) {
    return requestId.equals(other.requestId) && status.equals(other.status) && height == other.height
        && Objects.equals(reason, other.reason);
  }
}
