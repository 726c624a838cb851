package io.bftvote.replica.keys;

import java.security.SecureRandom;

/**
 * A set of fixed-width binary keys that only grows: the state a ledger keeps forever, such as
 * every executed request id. Open addressing with linear probing in one {@code long[]}; the table
 * doubles past two thirds full, so an entry of 32 bytes costs 48 to 96 bytes of table.
 *
 * <p>An all-zero slot is empty, so the all-zero key, which no rule here forbids, is remembered
 * apart. Not thread-safe: the replica's event loop owns it.
 */
public final class KeySet {
  private static final int MAX_SLOTS = 1 << 30;

  private final long seed = new SecureRandom().nextLong();
  private final long[] probe;
  private final int words;
  private long[] table;
  private int mask;
  private int size;
  private boolean hasZeroKey;

  /** An empty set of keys {@code keyBytes} long, a positive multiple of 8. */
  public KeySet(int keyBytes) {
    this.words = Words.of(keyBytes);
    this.probe = new long[words];
    allocate(1024);
  }

  /** Adds {@code key}; false if it was already in. */
  public boolean add(byte[] key) {
    Words.read(key, probe);
    if (isZero(probe, 0)) {
      boolean added = !hasZeroKey;
      hasZeroKey = true;
      size += added ? 1 : 0;
      return added;
    }
    int slot = find(probe);
    if (!isZero(table, slot * words)) {
      return false;
    }
    System.arraycopy(probe, 0, table, slot * words, words);
    size++;
    if (size > (mask + 1) / 3 * 2) {
      grow();
    }
    return true;
  }

  public boolean contains(byte[] key) {
    Words.read(key, probe);
    if (isZero(probe, 0)) {
      return hasZeroKey;
    }
    return !isZero(table, find(probe) * words);
  }

  public int size() {
    return size;
  }

  /** The slot holding {@code key}, or the empty (all-zero) slot where it would go. */
  private int find(long[] key) {
    int slot = (int) Words.hash(seed, key, 0, words) & mask;
    while (!isZero(table, slot * words) && !Words.equal(table, slot * words, key)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int slots = mask + 1;
    if (slots >= MAX_SLOTS / words) {
      throw new IllegalStateException("a key set cannot grow past " + slots + " slots of " + words * 8 + " bytes");
    }
    long[] old = table;
    allocate(slots * 2);
    long[] key = new long[words];
    for (int from = 0; from < old.length; from += words) {
      System.arraycopy(old, from, key, 0, words);
      if (!isZero(key, 0)) {
        System.arraycopy(key, 0, table, find(key) * words, words);
      }
    }
  }

  private void allocate(int slots) {
    table = new long[slots * words];
    mask = slots - 1;
  }

  /** True if the key's words at {@code from} in {@code in} are all zero: an empty slot, or the zero key. */
  private boolean isZero(long[] in, int from) {
    for (int i = from, end = from + words; i < end; i++) {
      if (in[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
