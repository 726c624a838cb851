package io.bftvote.replica.keys;

import java.security.SecureRandom;

/**
 * A set of fixed-width binary keys that only grows: the state a ledger keeps forever, such as
 * every executed request id. Open addressing with linear probing in one {@code long[]}; the table
 * doubles past two thirds full, so an entry of 32 bytes costs 48 to 96 bytes of table.
 *
 * <p><b>Growing a little at a time.</b> A ledger's sets reach millions of keys, and rehashing
 * them all at once stalls the replica's event loop, twice over, since its request ids and its
 * voters double together: at 1.4 million keys one add took 66–149 ms here, and each doubling takes
 * twice as long as the last. So a doubling only allocates the new table (the worst add at that
 * size is now 6–17 ms, mostly the zeroing of 128 MB); the old table stays, read-only, and every add
 * moves {@value #MOVED_PER_ADD} of its slots across until none is left. Lookups meanwhile try the
 * new table, then the old, whose probe runs are intact because nothing is ever removed from it.
 * The old table's memory is held until its last slot has moved.
 *
 * <p>An all-zero slot is empty, so the all-zero key, which no rule here forbids, is remembered
 * apart. Not thread-safe: the replica's event loop owns it.
 */
public final class KeySet {
  /**
   * Old slots moved per add while a doubling is under way. A doubling starts with the new table a
   * third full, and the next is due at two thirds: as many adds later as two thirds of the old
   * table's slots. Four slots an add empties the old table in a quarter of its slots' worth.
   */
  static final int MOVED_PER_ADD = 4;
  private static final int MAX_SLOTS = 1 << 30;

  private final long seed = new SecureRandom().nextLong();
  private final long[] probe;
  /** The key being moved from the old table to the new. */
  private final long[] carried;
  private final int words;
  private long[] table;
  private int mask;
  /** The table before the last doubling while its slots are still being moved; null otherwise. */
  private long[] previous;
  private int previousMask;
  /** Slots of {@code previous} moved so far. */
  private int moved;
  private int size;
  private boolean hasZeroKey;

  /** An empty set of keys {@code keyBytes} long, a positive multiple of 8. */
  public KeySet(int keyBytes) {
    this.words = Words.of(keyBytes);
    this.probe = new long[words];
    this.carried = new long[words];
    this.table = new long[1024 * words];
    this.mask = 1023;
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
    int slot = find(table, mask, probe);
    if (!isZero(table, slot * words) || inPrevious(probe)) {
      return false;
    }
    System.arraycopy(probe, 0, table, slot * words, words);
    size++;
    if (previous != null) {
      moveSome(MOVED_PER_ADD);
    }
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
    return !isZero(table, find(table, mask, probe) * words) || inPrevious(probe);
  }

  public int size() {
    return size;
  }

  /** True while a doubling's old table still has slots to move (tests watch the growth with it). */
  boolean isGrowing() {
    return previous != null;
  }

  private boolean inPrevious(long[] key) {
    return previous != null && !isZero(previous, find(previous, previousMask, key) * words);
  }

  /** The slot of {@code in} holding {@code key}, or the empty (all-zero) slot where it would go. */
  private int find(long[] in, int inMask, long[] key) {
    int slot = (int) Words.hash(seed, key, 0, words) & inMask;
    while (!isZero(in, slot * words) && !Words.equal(in, slot * words, key)) {
      slot = (slot + 1) & inMask;
    }
    return slot;
  }

  private void grow() {
    int slots = mask + 1;
    if (slots >= MAX_SLOTS / words) {
      throw new IllegalStateException("a key set cannot grow past " + slots + " slots of " + words * 8 + " bytes");
    }
    if (previous != null) {
      moveSome(previousMask + 1 - moved); // never two old tables: finish the last doubling first
    }
    previous = table;
    previousMask = mask;
    moved = 0;
    table = new long[slots * 2 * words];
    mask = slots * 2 - 1;
  }

  /** Moves up to {@code count} of the old table's slots into the new one (a key is in one old slot only). */
  private void moveSome(int count) {
    int end = Math.min(previousMask + 1, moved + count);
    for (; moved < end; moved++) {
      System.arraycopy(previous, moved * words, carried, 0, words);
      if (!isZero(carried, 0)) {
        System.arraycopy(carried, 0, table, find(table, mask, carried) * words, words);
      }
    }
    if (moved == previousMask + 1) {
      previous = null; // every key is in the new table now
    }
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
