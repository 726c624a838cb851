package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/** Conversions between BouncyCastle's ten-limb field elements and bytes or BigIntegers. */
final class Field {
  private Field() {}

  static int[] fromBigInteger(BigInteger v) {
    int[] out = X25519Field.create();
    X25519Field.decode(Scalars.toLittleEndian(v), 0, out);
    return out;
  }

  static BigInteger toBigInteger(int[] v) {
    int[] n = X25519Field.create();
    X25519Field.copy(v, 0, n, 0);
    X25519Field.normalize(n);
    byte[] le = new byte[32];
    X25519Field.encode(n, le, 0);
    return Scalars.fromLittleEndian(le, 0, 32);
  }

  /**
   * True if the low 255 bits at {@code enc[off..off+32)} are below p = 2²⁵⁵ − 19: a canonical y.
   * Little-endian p is ED FF … FF 7F, so y ≥ p only if bytes 1..30 are FF, byte 31 (sign masked)
   * is 7F and byte 0 is at least ED.
   */
  static boolean isCanonical(byte[] enc, int off) {
    if ((enc[off + 31] & 0x7F) != 0x7F) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if ((enc[off + i] & 0xFF) != 0xFF) {
        return true;
      }
    }
    return (enc[off] & 0xFF) < 0xED;
  }

  /**
   * Decompresses an RFC 8032 point encoding, or returns null if y is not canonical, no x makes
   * (x, y) a curve point, or x = 0 comes with the sign bit set (the rejections BouncyCastle
   * applies to R, and with {@link KeyPoints}' small-order check to public keys).
   */
  static Point decodePoint(byte[] enc, int off) {
    return decodePoint(enc, off, new Point.Scratch());
  }

  /** {@link #decodePoint(byte[], int)} with reused temporaries: only the point is allocated. */
  static Point decodePoint(byte[] enc, int off, Point.Scratch s) {
    if (!isCanonical(enc, off)) {
      return null;
    }
    int sign = (enc[off + 31] >>> 7) & 1;
    int[] y = s.a;
    int[] y2 = s.b;
    int[] u = s.c;
    int[] v = s.d;
    int[] x = s.e;
    X25519Field.decode(enc, off, y); // drops the sign bit
    X25519Field.sqr(y, y2);
    X25519Field.mul(y2, Point.D, v);
    X25519Field.copy(y2, 0, u, 0);
    X25519Field.subOne(u); // u = y² − 1
    X25519Field.addOne(v); // v = d·y² + 1, never zero: −1/d is not a square
    if (!X25519Field.sqrtRatioVar(u, v, x)) {
      return null; // x² = u/v has no solution: not on the curve
    }
    X25519Field.normalize(x);
    if (sign == 1 && X25519Field.isZeroVar(x)) {
      return null;
    }
    if ((x[0] & 1) != sign) {
      X25519Field.negate(x, x);
      X25519Field.normalize(x);
    }
    X25519Field.normalize(y);
    return Point.fromAffine(x, y);
  }
}
