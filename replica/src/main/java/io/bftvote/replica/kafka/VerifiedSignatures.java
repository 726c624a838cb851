package io.bftvote.replica.kafka;

import io.bftvote.replica.core.Signer;
import io.bftvote.replica.core.Verifier;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consensus messages whose signatures this replica has verified (or made) lately, so that the
 * copies a VIEW-CHANGE quotes cost a hash each, not a signature check (PBFT §4.4: a view-change
 * quotes the prepares and checkpoints its receivers have, in the normal case, already received).
 * With a full log a view-change quotes over a thousand messages, and 2f+1 of them arrive at once.
 * The replica's own broadcasts, read back from the topic, cost a hash too.
 *
 * <p>A message is known by the SHA-256 of its signed bytes and its signature. The signed bytes
 * name the sender, whose key the signature was checked under, so a hit stands for exactly the
 * check it replaces; a message altered in anything signed, or with another signature, misses.
 * Holds the latest {@code capacity} messages (the oldest are forgotten, and cost a check again).
 * Shared by the consensus reader and the event loop, hence synchronized; both touch it a few
 * times per sequence.
 */
final class VerifiedSignatures {
  private final Map<Key, Boolean> known;
  private final int capacity;

  /** Remembers up to {@code capacity} messages. */
  VerifiedSignatures(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.known = new LinkedHashMap<>(2 * capacity, 0.75f) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Enough for every phase of every sequence in a log of {@code window} sequences, twice over. */
  static VerifiedSignatures forLog(long window, int n) {
    return new VerifiedSignatures((int) Math.min(2 * window * (2L * n + 1) + 4L * n, 1 << 20));
  }

  /** True if this exact message's signature was verified here before. */
  boolean holds(ConsensusMessage m) {
    return holds(Key.of(m));
  }

  /** {@link #holds(ConsensusMessage)} by a key already computed (null for no message: false). */
  boolean holds(Key key) {
    if (key == null) {
      return false;
    }
    synchronized (this) {
      return known.containsKey(key);
    }
  }

  /** Records that {@code m}'s signature holds; call only after verifying it. */
  void remember(ConsensusMessage m) {
    remember(Key.of(m));
  }

  /** {@link #remember(ConsensusMessage)} by a key already computed. */
  synchronized void remember(Key key) {
    if (key != null) {
      known.put(key, Boolean.TRUE);
    }
  }

  /**
   * The core's signer, remembering what it signs: the replica's own broadcasts come back from the
   * topic like everyone's, and each would otherwise cost a full signature check (a single one: a
   * poll seldom holds enough messages to batch). Its key was checked against the cluster's at start,
   * so a signature made here holds by construction; a copy altered after signing (a Byzantine
   * mode's forgery, a corrupted record) has other bytes or another signature, and is checked.
   */
  Signer signer(Ed25519.KeyPair key) {
    return unsigned -> {
      ConsensusMessage signed = unsigned.signedBy(key);
      remember(signed);
      return signed;
    };
  }

  int capacity() {
    return capacity;
  }

  synchronized int size() {
    return known.size();
  }

  /** The core's check of quoted messages: known ones pass, others are verified and remembered. */
  Verifier verifier(Cluster cluster) {
    Verifier ed25519 = Verifier.ed25519(cluster);
    return m -> {
      Key key = Key.of(m);
      if (holds(key)) {
        return true;
      }
      boolean valid = ed25519.verifies(m);
      if (valid) {
        remember(key);
      }
      return valid;
    };
  }

  /**
   * A message's identity here: the 256-bit hash as four longs, no collision to hunt for, as with
   * the signature itself.
   */
  record Key(long a, long b, long c, long d) {
    /** The key of {@code m}, or null if it lacks what a verified message has (a quoted one may lack anything). */
    static Key of(ConsensusMessage m) {
      boolean complete = m.signature() != null && m.phase() != null && m.digest() != null;
      return complete ? of(m.signedBytes(), m.signature()) : null;
    }

    /** The key of a message whose signed bytes the caller already built. */
    static Key of(byte[] signedBytes, String signature) {
      MessageDigest sha256 = Bytes.sha256();
      sha256.update(signedBytes);
      sha256.update((byte) '\n');
      sha256.update(signature.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
      return new Key(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }
  }
}
