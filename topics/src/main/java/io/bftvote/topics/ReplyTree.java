package io.bftvote.topics;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree over one block's replies from one replica. Leaves and inner nodes are hashed
 * with different prefixes (0x00, 0x01), so no inner node can pass for a leaf; a level with an odd
 * node out carries it up unchanged, so no leaf is ever paired with itself.
 */
public final class ReplyTree {
  /** Deeper than any tree of a block could be (2^32 leaves), so longer proofs are refused unread. */
  public static final int MAX_DEPTH = 32;
  private static final String LEAF_DOMAIN = "bftvote/reply-leaf/v2\n";

  private ReplyTree() {}

  /**
   * Signs the replies of one block with one signature: all must share height and replica.
   * Returns them in the same order, each with its root, proof and the signature.
   */
  public static List<Reply> sign(List<Reply> replies, Ed25519.KeyPair key) {
    if (replies.isEmpty()) {
      return List.of();
    }
    Reply first = replies.get(0);
    for (Reply r : replies) {
      if (r.height() != first.height() || r.replica() != first.replica()) {
        throw new IllegalArgumentException("one tree holds the replies of one block from one replica");
      }
    }
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = new byte[replies.size()][];
    for (int i = 0; i < level.length; i++) {
      level[i] = leaf(replies.get(i));
    }
    levels.add(level);
    while (level.length > 1) {
      level = parents(level);
      levels.add(level);
    }
    String root = Bytes.hex(level[0]);
    String signature = key.signB64(Reply.rootStatement(first.height(), first.replica(), root));
    List<Reply> signed = new ArrayList<>(replies.size());
    for (int i = 0; i < replies.size(); i++) {
      signed.add(replies.get(i).withProof(root, proof(levels, i), signature));
    }
    return signed;
  }

  /** The root a proof leads to from this reply's leaf, or empty if the proof is malformed. */
  static Optional<String> rootOf(Reply reply, List<String> proof) {
    if (proof.size() > MAX_DEPTH || reply.requestId() == null || reply.status() == null) {
      return Optional.empty();
    }
    byte[] node = leaf(reply);
    for (String step : proof) {
      if (step == null || step.length() != 65 || (step.charAt(0) != 'l' && step.charAt(0) != 'r')) {
        return Optional.empty();
      }
      byte[] sibling;
      try {
        sibling = Bytes.fromHex(step.substring(1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      node = step.charAt(0) == 'l' ? inner(sibling, node) : inner(node, sibling);
    }
    return Optional.of(Bytes.hex(node));
  }

  private static byte[][] parents(byte[][] children) {
    byte[][] parents = new byte[(children.length + 1) / 2][];
    for (int i = 0; i < parents.length; i++) {
      int left = 2 * i;
      parents[i] = left + 1 < children.length ? inner(children[left], children[left + 1]) : children[left];
    }
    return parents;
  }

  private static List<String> proof(List<byte[][]> levels, int index) {
    List<String> proof = new ArrayList<>();
    for (int depth = 0; depth < levels.size() - 1; depth++) {
      byte[][] level = levels.get(depth);
      boolean isRight = (index & 1) == 1;
      if (isRight) {
        proof.add('l' + Bytes.hex(level[index - 1]));
      } else if (index + 1 < level.length) {
        proof.add('r' + Bytes.hex(level[index + 1]));
      } // else: the odd node out, carried up unchanged
      index >>= 1;
    }
    return proof;
  }

  private static byte[] leaf(Reply reply) {
    MessageDigest sha = Bytes.sha256();
    sha.update((byte) 0);
    sha.update(Bytes.utf8(LEAF_DOMAIN + reply.requestId() + '\n' + reply.status() + '\n'
        + (reply.reason() == null ? "" : reply.reason())));
    return sha.digest();
  }

  private static byte[] inner(byte[] left, byte[] right) {
    MessageDigest sha = Bytes.sha256();
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }
}
