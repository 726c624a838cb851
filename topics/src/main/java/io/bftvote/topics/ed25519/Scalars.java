package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Scalars modulo the group order L = 2²⁵² + 27742317777372353535851937790883648493, as arrays of
 * unsigned 32-bit words, least significant first, and their signed sliding-window (width-w NAF)
 * digits. Words rather than BigInteger: the batch equation reduces about two 512-bit values per
 * signature, and BigInteger allocated several objects for each.
 *
 * <p><b>Word bounds.</b> A word product plus an accumulator word plus a carry is at most
 * (2³² − 1)² + 2·(2³² − 1) = 2⁶⁴ − 1: it fits a long read as unsigned ({@code >>> 32}, never a
 * signed shift or comparison).
 */
final class Scalars {
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  /** Words of a reduced scalar (below 2²⁵⁶). */
  static final int WORDS = 8;
  /** Words of an unreduced value: a 64-byte hash, or a sum of products of scalars. */
  static final int WIDE = 16;
  /** wNAF digits cover scalars below 2²⁵⁶; the final carry can land one position higher. */
  static final int DIGITS = 257;
  /** Scratch words {@link #reduce} needs: q1·μ (18 words), q3·L mod b⁹ (9) and the remainder (9). */
  static final int REDUCE_SCRATCH = 36;

  private static final long MASK = 0xFFFF_FFFFL;
  private static final int[] L_WORDS = words(L, 9);
  /** μ = ⌊2⁵¹² / L⌋ for Barrett reduction: 260 bits, nine words. */
  private static final int[] MU = words(BigInteger.ONE.shiftLeft(512).divide(L), 9);

  private Scalars() {}

  /** {@code count} words from the little-endian bytes at {@code off}. */
  static void decode(byte[] bytes, int off, int count, int[] out) {
    for (int i = 0; i < count; i++) {
      int b = off + 4 * i;
      out[i] = (bytes[b] & 0xFF) | (bytes[b + 1] & 0xFF) << 8 | (bytes[b + 2] & 0xFF) << 16 | bytes[b + 3] << 24;
    }
  }

  /** True if the eight-word {@code s} is below L: reduced, as BouncyCastle requires of S. */
  static boolean isReduced(int[] s) {
    return compare(s, WORDS, L_WORDS) < 0;
  }

  /**
   * acc += a·b, over acc's words: the caller keeps the true sum below 2^(32·acc.length) (a sum of
   * 128-bit by 253-bit products stays far below 2⁵¹² for any batch that fits in memory).
   */
  static void multiplyAdd(int[] acc, int[] a, int aWords, int[] b, int bWords) {
    for (int i = 0; i < aWords; i++) {
      long ai = a[i] & MASK;
      long carry = 0;
      for (int j = 0; j < bWords; j++) {
        long t = ai * (b[j] & MASK) + (acc[i + j] & MASK) + carry;
        acc[i + j] = (int) t;
        carry = t >>> 32;
      }
      for (int k = i + bWords; carry != 0; k++) {
        long t = (acc[k] & MASK) + carry;
        acc[k] = (int) t;
        carry = t >>> 32;
      }
    }
  }

  /**
   * out (eight words) = x mod L for a sixteen-word x, by Barrett reduction (Handbook of Applied
   * Cryptography 14.42, b = 2³², k = 8): q3 = ⌊⌊x / b⁷⌋·μ / b⁹⌋ is at most two below ⌊x / L⌋, so
   * x − q3·L is below 3L &lt; b⁹ and exact when computed mod b⁹; at most two subtractions of L
   * finish it. {@code scratch} has at least {@link #REDUCE_SCRATCH} words.
   */
  static void reduce(int[] x, int[] out, int[] scratch) {
    Arrays.fill(scratch, 0, REDUCE_SCRATCH, 0);
    final int q2 = 0;
    final int r2 = 18;
    final int r = 27;
    for (int i = 0; i < 9; i++) { // q2 = q1·μ, q1 = x[7..16)
      long qi = x[7 + i] & MASK;
      long carry = 0;
      for (int j = 0; j < 9; j++) {
        long t = qi * (MU[j] & MASK) + (scratch[q2 + i + j] & MASK) + carry;
        scratch[q2 + i + j] = (int) t;
        carry = t >>> 32;
      }
      scratch[q2 + i + 9] = (int) carry;
    }
    for (int i = 0; i < 9; i++) { // r2 = q3·L mod b⁹, q3 = q2[9..18)
      long qi = scratch[q2 + 9 + i] & MASK;
      long carry = 0;
      for (int j = 0; i + j < 9; j++) {
        long t = qi * (L_WORDS[j] & MASK) + (scratch[r2 + i + j] & MASK) + carry;
        scratch[r2 + i + j] = (int) t;
        carry = t >>> 32;
      }
    }
    long borrow = 0;
    for (int i = 0; i < 9; i++) { // r = x − r2 mod b⁹: the borrow out of the top word is dropped
      long t = (x[i] & MASK) - (scratch[r2 + i] & MASK) - borrow;
      scratch[r + i] = (int) t;
      borrow = t >>> 63;
    }
    while (compare(scratch, r, 9, L_WORDS) >= 0) {
      subtractL(scratch, r);
    }
    System.arraycopy(scratch, r, out, 0, WORDS);
  }

  /** s ← (L − s) mod L for a reduced eight-word s. */
  static void negate(int[] s) {
    boolean zero = true;
    for (int i = 0; i < WORDS; i++) {
      zero &= s[i] == 0;
    }
    if (zero) {
      return;
    }
    long borrow = 0;
    for (int i = 0; i < WORDS; i++) {
      long t = (L_WORDS[i] & MASK) - (s[i] & MASK) - borrow;
      s[i] = (int) t;
      borrow = t >>> 63;
    }
  }

  /**
   * The width-w non-adjacent form of a scalar of {@code words} words, into {@code digits}
   * ({@link #DIGITS} long): each zero or odd with |d_i| < 2^(w−1), such that k = Σ d_i·2^i and any
   * w consecutive digits hold at most one nonzero. So a point needs only its odd multiples P, 3P,
   * …, (2^(w−1) − 1)P, and about one addition per w + 1 bits.
   */
  static void wnaf(int[] k, int words, int w, byte[] digits) {
    Arrays.fill(digits, (byte) 0);
    int width = 1 << w;
    long mask = width - 1;
    int bits = 32 * words;
    int carry = 0;
    int pos = 0;
    while (pos < bits) {
      int word = pos >>> 5;
      int bit = pos & 31;
      long buffer = (k[word] & MASK) >>> bit;
      if (bit > 32 - w && word + 1 < words) {
        buffer |= (k[word + 1] & MASK) << (32 - bit);
      }
      int window = carry + (int) (buffer & mask);
      if ((window & 1) == 0) {
        pos++; // even: emit a zero digit and slide by one, keeping the carry
        continue;
      }
      if (window < width / 2) {
        carry = 0;
        digits[pos] = (byte) window;
      } else {
        carry = 1; // borrow from the next window: window − 2^w is negative and odd
        digits[pos] = (byte) (window - width);
      }
      pos += w;
    }
    if (carry != 0) {
      digits[bits] = 1; // bits ≤ 256 < DIGITS
    }
  }

  static BigInteger fromLittleEndian(byte[] bytes, int off, int len) {
    byte[] be = new byte[len + 1]; // a leading zero byte keeps it non-negative
    for (int i = 0; i < len; i++) {
      be[len - i] = bytes[off + i];
    }
    return new BigInteger(be);
  }

  /** The 32-byte little-endian form of 0 ≤ v < 2²⁵⁶. */
  static byte[] toLittleEndian(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** The {@code count} low words of 0 ≤ v, for constants and tests. */
  static int[] words(BigInteger v, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = v.shiftRight(32 * i).intValue();
    }
    return out;
  }

  static BigInteger toBigInteger(int[] words, int count) {
    BigInteger v = BigInteger.ZERO;
    for (int i = count - 1; i >= 0; i--) {
      v = v.shiftLeft(32).or(BigInteger.valueOf(words[i] & MASK));
    }
    return v;
  }

  /** Unsigned comparison of {@code count} words of a against as many of b. */
  private static int compare(int[] a, int count, int[] b) {
    return compare(a, 0, count, b);
  }

  private static int compare(int[] a, int off, int count, int[] b) {
    for (int i = count - 1; i >= 0; i--) {
      int c = Integer.compareUnsigned(a[off + i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static void subtractL(int[] r, int off) {
    long borrow = 0;
    for (int i = 0; i < 9; i++) {
      long t = (r[off + i] & MASK) - (L_WORDS[i] & MASK) - borrow;
      r[off + i] = (int) t;
      borrow = t >>> 63;
    }
  }
}
