package io.bftvote.replica.keys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A key as 64-bit words, and where its words hash to. Shared by the sets of this package. */
final class Words {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Words() {}

  /** How many words a key of {@code keyBytes} bytes takes; it must be a positive multiple of 8. */
  static int of(int keyBytes) {
    if (keyBytes <= 0 || keyBytes % Long.BYTES != 0) {
      throw new IllegalArgumentException("a key must be a positive multiple of 8 bytes long, got " + keyBytes);
    }
    return keyBytes / Long.BYTES;
  }

  /** Reads {@code key} into {@code into}, refusing a key of the wrong width. */
  static void read(byte[] key, long[] into) {
    if (key.length != into.length * Long.BYTES) {
      throw new IllegalArgumentException("expected a key of " + into.length * Long.BYTES + " bytes, got " + key.length);
    }
    for (int i = 0; i < into.length; i++) {
      into[i] = (long) LONGS.get(key, i * Long.BYTES);
    }
  }

  /**
   * A well-mixed hash of the words at {@code from} in {@code table}. Every word is mixed in with a
   * per-set random seed: keys are chosen by voters (a public key can be ground at will), and keys
   * made to share a slot must not be able to line up in one long probe run.
   */
  static long hash(long seed, long[] table, int from, int words) {
    long h = seed;
    for (int i = 0; i < words; i++) {
      h = mix(h ^ table[from + i]);
    }
    return h;
  }

  /** True if the words at {@code from} in {@code table} are {@code key}. */
  static boolean equal(long[] table, int from, long[] key) {
    for (int i = 0; i < key.length; i++) {
      if (table[from + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** The 64-bit finalizer of MurmurHash3: every input bit flips about half the output bits. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
