package io.bftvote.topics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Inner nodes of reply trees that were already hashed, so a reader that checks every reply of a
 * block hashes each inner node once instead of once per leaf below it. A block of 300 replies has
 * proofs of nine steps each: 2,700 inner hashes for the block's readers to compute, of 299
 * distinct nodes. With this memory a reply costs its leaf's hash, lookups, and now and then the
 * hash of a parent no proof read before has passed.
 *
 * <p>An entry says "the node with this child and this sibling on this side is that parent", and is
 * written only with a parent this class's caller hashed itself. So a lookup answers exactly what
 * hashing would have: a proof is accepted or refused just as without this memory, whoever wrote
 * the replies that filled it. Direct-mapped by the child's first eight bytes (a SHA-256, so
 * uniform): a collision replaces the older entry, which then costs one hash again. Fixed size,
 * allocation-free, and thread-safe.
 */
final class KnownParents {
  /** Enough for the trees of a few blocks of every replica to be read interleaved. */
  static final int DEFAULT_SLOTS = 1 << 15;
  private static final int HASH_LONGS = 4;
  /** Child, sibling, parent, then the side the sibling is on (0 in a slot never written). */
  private static final int SLOT_LONGS = 3 * HASH_LONGS + 1;
  private static final long SIBLING_LEFT = 1;
  private static final long SIBLING_RIGHT = 2;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long[] slots;
  private final int mask;

  KnownParents() {
    this(DEFAULT_SLOTS);
  }

  /** @param slotCount a power of two */
  KnownParents(int slotCount) {
    if (slotCount <= 0 || Integer.bitCount(slotCount) != 1) {
      throw new IllegalArgumentException("the slot count must be a power of two, got " + slotCount);
    }
    this.slots = new long[slotCount * SLOT_LONGS];
    this.mask = slotCount - 1;
  }

  /**
   * Copies into {@code parent} the parent of {@code child} and {@code sibling} (on the left if
   * {@code siblingOnLeft}) if it was remembered; false, and {@code parent} untouched, if not.
   */
  synchronized boolean find(byte[] child, byte[] sibling, boolean siblingOnLeft, byte[] parent) {
    int base = slotOf(child);
    if (slots[base + SLOT_LONGS - 1] != side(siblingOnLeft)
        || !equal(base, child) || !equal(base + HASH_LONGS, sibling)) {
      return false;
    }
    for (int i = 0; i < HASH_LONGS; i++) {
      LONGS.set(parent, i * Long.BYTES, slots[base + 2 * HASH_LONGS + i]);
    }
    return true;
  }

  /**
   * Remembers a parent its caller has just hashed from {@code child} and {@code sibling}, for both
   * children: the proof of the sibling's leaf passes the same parent the other way round.
   */
  synchronized void remember(byte[] child, byte[] sibling, boolean siblingOnLeft, byte[] parent) {
    put(child, sibling, siblingOnLeft, parent);
    put(sibling, child, !siblingOnLeft, parent);
  }

  private void put(byte[] child, byte[] sibling, boolean siblingOnLeft, byte[] parent) {
    int base = slotOf(child);
    for (int i = 0; i < HASH_LONGS; i++) {
      slots[base + i] = (long) LONGS.get(child, i * Long.BYTES);
      slots[base + HASH_LONGS + i] = (long) LONGS.get(sibling, i * Long.BYTES);
      slots[base + 2 * HASH_LONGS + i] = (long) LONGS.get(parent, i * Long.BYTES);
    }
    slots[base + SLOT_LONGS - 1] = side(siblingOnLeft);
  }

  private int slotOf(byte[] child) {
    return ((int) (long) LONGS.get(child, 0) & mask) * SLOT_LONGS;
  }

  private boolean equal(int at, byte[] hash) {
    for (int i = 0; i < HASH_LONGS; i++) {
      if (slots[at + i] != (long) LONGS.get(hash, i * Long.BYTES)) {
        return false;
      }
    }
    return true;
  }

  private static long side(boolean siblingOnLeft) {
    return siblingOnLeft ? SIBLING_LEFT : SIBLING_RIGHT;
  }
}
