package io.bftvote.replica.keys;

import java.security.SecureRandom;

/**
 * The last {@code capacity} fixed-width keys added, first in first out: a bounded cache of what
 * was checked recently, such as the ballots whose signatures verified. The keys sit in a ring of
 * {@code long}s in the order they came; an open-addressing index of ring positions finds them.
 * Adding to a full ring forgets its oldest key, whose index slot is emptied by shifting back the
 * probe run behind it (no tombstones, so lookups never slow down with churn).
 *
 * <p>Not thread-safe: callers that share one synchronize on it.
 */
public final class RecentKeys {
  private final long seed = new SecureRandom().nextLong();
  private final long[] probe;
  private final int words;
  private final int capacity;
  private final long[] ring;
  /** Ring position + 1 of the key that hashed near each slot; 0 is an empty slot. */
  private final int[] index;
  private final int mask;
  private int next;
  private int size;

  /** An empty cache of at most {@code capacity} keys, each {@code keyBytes} long (a multiple of 8). */
  public RecentKeys(int keyBytes, int capacity) {
    if (capacity < 1 || capacity > 1 << 28) {
      throw new IllegalArgumentException("capacity must be within 1..2^28, got " + capacity);
    }
    this.words = Words.of(keyBytes);
    this.probe = new long[words];
    this.capacity = capacity;
    this.ring = new long[Math.multiplyExact(capacity, words)];
    // At most half full, so a probe run stays short.
    this.index = new int[Integer.highestOneBit(capacity) * 4];
    this.mask = index.length - 1;
  }

  /** Adds {@code key} as the newest, forgetting the oldest if full; false if it was already in. */
  public boolean add(byte[] key) {
    Words.read(key, probe);
    int slot = find(probe);
    if (index[slot] != 0) {
      return false;
    }
    if (size == capacity) {
      forget(next);
      slot = find(probe); // the shift may have moved the empty slot the key goes to
    } else {
      size++;
    }
    System.arraycopy(probe, 0, ring, next * words, words);
    index[slot] = next + 1;
    next = (next + 1) % capacity;
    return true;
  }

  public boolean contains(byte[] key) {
    Words.read(key, probe);
    return index[find(probe)] != 0;
  }

  public int size() {
    return size;
  }

  /** The index slot that points at {@code key}, or the empty slot where it would go. */
  private int find(long[] key) {
    int slot = home(key, 0);
    while (index[slot] != 0 && !Words.equal(ring, (index[slot] - 1) * words, key)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private int home(long[] in, int from) {
    return (int) Words.hash(seed, in, from, words) & mask;
  }

  /** Removes the key at ring position {@code position} from the index. */
  private void forget(int position) {
    int hole = home(ring, position * words);
    while (index[hole] != position + 1) {
      hole = (hole + 1) & mask;
    }
    // Shift back each later entry of the run that may live in the hole: one whose home is not
    // cyclically within (hole, slot], where a lookup starting at its home would not pass the hole.
    for (int slot = (hole + 1) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
      int home = home(ring, (index[slot] - 1) * words);
      boolean staysPut = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (!staysPut) {
        index[hole] = index[slot];
        hole = slot;
      }
    }
    index[hole] = 0;
  }
}
