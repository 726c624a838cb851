package io.bftvote.topics.ed25519;

import java.math.BigInteger;

/**
 * Scalars modulo the group order L = 2²⁵² + 27742317777372353535851937790883648493, and their
 * signed sliding-window (width-w NAF) digits. BigInteger is fast enough here: a few microseconds
 * per signature against tens for the curve arithmetic.
 */
final class Scalars {
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** wNAF digits cover scalars below 2²⁵⁶; the final carry can land one position higher. */
  static final int DIGITS = 257;

  private Scalars() {}

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

  /**
   * The width-w non-adjacent form of 0 ≤ k < 2²⁵⁶: digits d_i, each zero or odd with
   * |d_i| < 2^(w−1), such that k = Σ d_i·2^i and any w consecutive digits hold at most one nonzero.
   * So a point needs only its odd multiples P, 3P, …, (2^(w−1) − 1)P, and about one addition per
   * w + 1 bits.
   */
  static byte[] wnaf(BigInteger k, int w) {
    long[] words = new long[5]; // one spare word so a window can read past the top
    byte[] le = toLittleEndian(k);
    for (int i = 0; i < 32; i++) {
      words[i >>> 3] |= (le[i] & 0xFFL) << (8 * (i & 7));
    }
    byte[] digits = new byte[DIGITS];
    int width = 1 << w;
    long mask = width - 1;
    int carry = 0;
    int pos = 0;
    while (pos < 256) {
      int word = pos >>> 6;
      int bit = pos & 63;
      long buffer = words[word] >>> bit;
      if (bit > 64 - w) {
        buffer |= words[word + 1] << (64 - bit);
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
      digits[256] = 1;
    }
    return digits;
  }
}
