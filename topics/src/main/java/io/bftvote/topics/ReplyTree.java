package io.bftvote.topics;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree over one block's replies from one replica. Leaves and inner nodes are hashed
 * with different prefixes (0x00, 0x01), so no inner node can pass for a leaf; a level with an odd
 * node out carries it up unchanged, so no leaf is ever paired with itself.
 *
 * <p>Every reply of every vote is built here by each replica and checked here by every client, so
 * both sides hash raw bytes with one digest and spell hex only where the wire needs it.
 */
public final class ReplyTree {
  /** Deeper than any tree of a block could be (2^32 leaves), so longer proofs are refused unread. */
  public static final int MAX_DEPTH = 32;
  private static final byte[] LEAF_DOMAIN = Bytes.utf8("bftvote/reply-leaf/v2\n");
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] NO_REASON = {};
  private static final int HASH_BYTES = 32;
  /** A proof step: 'l' or 'r', then the sibling's hash in hex. */
  private static final int STEP_LENGTH = 1 + 2 * HASH_BYTES;
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

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
    MessageDigest sha = Bytes.sha256();
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = new byte[replies.size()][];
    for (int i = 0; i < level.length; i++) {
      level[i] = leaf(sha, replies.get(i));
    }
    levels.add(level);
    while (level.length > 1) {
      level = parents(sha, level);
      levels.add(level);
    }
    String root = Bytes.hex(level[0]);
    String signature = key.signB64(Reply.rootStatement(first.height(), first.replica(), root));
    String[][] steps = steps(levels);
    List<Reply> signed = new ArrayList<>(replies.size());
    for (int i = 0; i < replies.size(); i++) {
      signed.add(replies.get(i).withProof(root, proof(steps, i), signature));
    }
    return signed;
  }

  /**
   * True if the proof leads from this reply's leaf to {@code root}; false too if the proof is
   * malformed. Parents hashed before are taken from {@code known} (if not null), and those hashed
   * now are left there: the same answer, with fewer hashes.
   */
  static boolean proves(Reply reply, List<String> proof, String root, KnownParents known) {
    if (proof.size() > MAX_DEPTH || reply.requestId() == null || reply.status() == null) {
      return false;
    }
    return Sha256.lend(sha -> {
      byte[] node = leaf(sha, reply);
      byte[] sibling = new byte[HASH_BYTES];
      byte[] parent = new byte[HASH_BYTES];
      for (String step : proof) {
        if (!readStep(step, sibling)) {
          return false;
        }
        boolean siblingOnLeft = step.charAt(0) == 'l';
        if (known == null || !known.find(node, sibling, siblingOnLeft, parent)) {
          if (siblingOnLeft) {
            inner(sha, sibling, node, parent);
          } else {
            inner(sha, node, sibling, parent);
          }
          if (known != null) {
            known.remember(node, sibling, siblingOnLeft, parent);
          }
        }
        byte[] child = node;
        node = parent;
        parent = child;
      }
      return spells(root, node);
    });
  }

  private static byte[][] parents(MessageDigest sha, byte[][] children) {
    byte[][] parents = new byte[(children.length + 1) / 2][];
    for (int i = 0; i < parents.length; i++) {
      int left = 2 * i;
      if (left + 1 < children.length) {
        parents[i] = new byte[HASH_BYTES];
        inner(sha, children[left], children[left + 1], parents[i]);
      } else {
        parents[i] = children[left]; // the odd node out
      }
    }
    return parents;
  }

  /**
   * How each node is spelled in the proofs that pass it: 'l' and its hex if it is a left child, 'r'
   * if a right one. A node is the sibling of every leaf under its sibling, so it is spelled once
   * and the string shared by all their proofs. Null for the root and for an odd node out.
   */
  private static String[][] steps(List<byte[][]> levels) {
    String[][] steps = new String[levels.size()][];
    for (int depth = 0; depth < levels.size(); depth++) {
      byte[][] level = levels.get(depth);
      steps[depth] = new String[level.length];
      for (int i = 0; i < level.length; i++) {
        boolean isLeft = (i & 1) == 0;
        if (!isLeft || i + 1 < level.length) {
          steps[depth][i] = (isLeft ? 'l' : 'r') + Bytes.hex(level[i]);
        }
      }
    }
    return steps;
  }

  private static List<String> proof(String[][] steps, int index) {
    List<String> proof = new ArrayList<>(steps.length - 1);
    for (int depth = 0; depth < steps.length - 1; depth++) {
      int sibling = index ^ 1;
      if (sibling < steps[depth].length) {
        proof.add(steps[depth][sibling]);
      } // else: the odd node out, carried up unchanged
      index >>= 1;
    }
    return proof;
  }

  private static byte[] leaf(MessageDigest sha, Reply reply) {
    sha.update((byte) 0);
    sha.update(LEAF_DOMAIN);
    sha.update(Bytes.utf8(reply.requestId()));
    sha.update(NEWLINE);
    sha.update(Bytes.utf8(reply.status()));
    sha.update(NEWLINE);
    sha.update(reply.reason() == null ? NO_REASON : Bytes.utf8(reply.reason()));
    return sha.digest();
  }

  /** Hashes two children into {@code parent}. */
  private static void inner(MessageDigest sha, byte[] left, byte[] right, byte[] parent) {
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    try {
      sha.digest(parent, 0, HASH_BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 hash is 32 bytes", e);
    }
  }

  /** Reads a step's sibling hash into {@code sibling}; false if the step is not 'l' or 'r' and 64 hex digits. */
  private static boolean readStep(String step, byte[] sibling) {
    if (step == null || step.length() != STEP_LENGTH || (step.charAt(0) != 'l' && step.charAt(0) != 'r')) {
      return false;
    }
    for (int i = 0; i < HASH_BYTES; i++) {
      char high = step.charAt(1 + 2 * i);
      char low = step.charAt(2 + 2 * i);
      if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
        return false;
      }
      sibling[i] = (byte) (HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
    }
    return true;
  }

  /** True if {@code hex} is the lowercase hex of {@code hash}, compared without spelling it out. */
  private static boolean spells(String hex, byte[] hash) {
    if (hex.length() != 2 * hash.length) {
      return false;
    }
    for (int i = 0; i < hash.length; i++) {
      if (hex.charAt(2 * i) != HEX_DIGITS[(hash[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != HEX_DIGITS[hash[i] & 0xf]) {
        return false;
      }
    }
    return true;
  }
}
