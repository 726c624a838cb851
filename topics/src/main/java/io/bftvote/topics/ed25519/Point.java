package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A mutable point of edwards25519, −x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ − 19), in extended
 * coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z (Hisil–Wong–Carter–Dawson 2008).
 * The formulas are complete on this curve (d is not a square), so no input needs a special case.
 *
 * <p><b>Limb bounds.</b> Field elements are BouncyCastle's {@link X25519Field} ten-limb
 * representation. Every coordinate stored here is <em>carried</em>: an output of {@code mul},
 * {@code sqr}, {@code carry}, {@code decode} or {@code normalize}, each limb under about 2²⁶.
 * {@code mul} and {@code sqr} accept the sum or difference of two carried values (the products of
 * two such sums still fit in a signed 64-bit accumulator, which {@code FieldBoundsTest} checks at
 * the extreme limbs), never a sum of three: those are {@code carry}ed first.
 */
final class Point {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  /** d = −121665/121666, and 2d, which the addition formula uses. */
  static final int[] D = Field.fromBigInteger(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
  static final int[] D2 = Field.fromBigInteger(Field.toBigInteger(D).shiftLeft(1).mod(P));

  final int[] x = X25519Field.create();
  final int[] y = X25519Field.create();
  final int[] z = X25519Field.create();
  final int[] t = X25519Field.create();

  static Point neutral() {
    Point p = new Point();
    p.setNeutral();
    return p;
  }

  /** The point with affine coordinates (ax, ay), both carried. */
  static Point fromAffine(int[] ax, int[] ay) {
    Point p = new Point();
    X25519Field.copy(ax, 0, p.x, 0);
    X25519Field.copy(ay, 0, p.y, 0);
    p.z[0] = 1;
    X25519Field.mul(ax, ay, p.t);
    return p;
  }

  Point copy() {
    Point p = new Point();
    p.set(this);
    return p;
  }

  /** this ← q. */
  void set(Point q) {
    X25519Field.copy(q.x, 0, x, 0);
    X25519Field.copy(q.y, 0, y, 0);
    X25519Field.copy(q.z, 0, z, 0);
    X25519Field.copy(q.t, 0, t, 0);
  }

  /** this ← the neutral element (0 : 1 : 1 : 0). */
  void setNeutral() {
    X25519Field.zero(x);
    X25519Field.one(y);
    X25519Field.one(z);
    X25519Field.zero(t);
  }

  /** This point in the form the addition formula consumes: (Y+X, Y−X, 2Z, 2d·T). */
  Cached toCached() {
    Cached c = new Cached();
    toCached(c);
    return c;
  }

  /** {@link #toCached()} into a reused {@code c}. */
  void toCached(Cached c) {
    X25519Field.apm(y, x, c.yPlusX, c.yMinusX);
    X25519Field.add(z, z, c.z2);
    X25519Field.mul(t, D2, c.t2d);
  }

  /** this ← this + q (add-2008-hwcd-3 with a = −1: eight multiplications). */
  void add(Cached q, Scratch s) {
    addOrSubtract(q.yPlusX, q.yMinusX, q, false, s);
  }

  /** this ← this − q: the same formula with −q = (Y−X, Y+X, 2Z, −2d·T). */
  void subtract(Cached q, Scratch s) {
    addOrSubtract(q.yMinusX, q.yPlusX, q, true, s);
  }

  private void addOrSubtract(int[] qyPlusX, int[] qyMinusX, Cached q, boolean negate, Scratch s) {
    X25519Field.apm(y, x, s.b, s.a); // b = Y1+X1, a = Y1−X1 (two-term sums: fit mul)
    X25519Field.mul(s.a, qyMinusX, s.a);
    X25519Field.mul(s.b, qyPlusX, s.b);
    X25519Field.mul(t, q.t2d, s.c);
    X25519Field.mul(z, q.z2, s.d);
    X25519Field.apm(s.b, s.a, s.h, s.e); // h = B+A, e = B−A
    if (negate) {
      X25519Field.apm(s.d, s.c, s.f, s.g); // c is −C: f = D+C', g = D−C'
    } else {
      X25519Field.apm(s.d, s.c, s.g, s.f); // g = D+C, f = D−C
    }
    X25519Field.mul(s.e, s.f, x);
    X25519Field.mul(s.g, s.h, y);
    X25519Field.mul(s.e, s.h, t);
    X25519Field.mul(s.f, s.g, z);
  }

  /**
   * this ← 2·this (dbl-2008-hwcd with a = −1, every intermediate negated, which the projective
   * coordinates absorb): A = X², B = Y², C = 2Z², H = A+B, G = A−B, E = H − (X+Y)², F = C+G.
   */
  void dbl(Scratch s) {
    X25519Field.sqr(x, s.a);
    X25519Field.sqr(y, s.b);
    X25519Field.sqr(z, s.c);
    X25519Field.add(s.c, s.c, s.c);
    X25519Field.apm(s.a, s.b, s.h, s.g);
    X25519Field.add(x, y, s.e);
    X25519Field.sqr(s.e, s.e);
    X25519Field.sub(s.h, s.e, s.e);
    X25519Field.carry(s.e); // three carried terms: too wide for mul until carried
    X25519Field.add(s.c, s.g, s.f);
    X25519Field.carry(s.f); // likewise
    X25519Field.mul(s.e, s.f, x);
    X25519Field.mul(s.g, s.h, y);
    X25519Field.mul(s.e, s.h, t);
    X25519Field.mul(s.f, s.g, z);
  }

  /** True if this is the neutral element (0, 1): X = 0 and Y = Z. */
  boolean isNeutral() {
    return isNeutral(new Scratch());
  }

  /** {@link #isNeutral()} with reused temporaries. */
  boolean isNeutral(Scratch s) {
    int[] nx = s.a;
    int[] ny = s.b;
    int[] nz = s.c;
    X25519Field.copy(x, 0, nx, 0);
    X25519Field.copy(y, 0, ny, 0);
    X25519Field.copy(z, 0, nz, 0);
    X25519Field.normalize(nx);
    X25519Field.normalize(ny);
    X25519Field.normalize(nz);
    return X25519Field.isZeroVar(nx) && !X25519Field.isZeroVar(nz) && X25519Field.areEqualVar(ny, nz);
  }

  /** The RFC 8032 encoding: y little-endian, the sign (parity) of x in the top bit. */
  byte[] encode() {
    int[] zInv = X25519Field.create();
    int[] ax = X25519Field.create();
    int[] ay = X25519Field.create();
    X25519Field.inv(z, zInv);
    X25519Field.mul(x, zInv, ax);
    X25519Field.mul(y, zInv, ay);
    X25519Field.normalize(ax);
    X25519Field.normalize(ay);
    byte[] out = new byte[32];
    X25519Field.encode(ay, out, 0);
    out[31] |= (byte) ((ax[0] & 1) << 7);
    return out;
  }

  /** A point prepared for addition: (Y+X, Y−X, 2Z, 2d·T). Immutable once built. */
  static final class Cached {
    final int[] yPlusX = X25519Field.create();
    final int[] yMinusX = X25519Field.create();
    final int[] z2 = X25519Field.create();
    final int[] t2d = X25519Field.create();
  }

  /** Temporaries for the formulas, so that a multi-scalar multiplication allocates nothing per step. */
  static final class Scratch {
    final int[] a = X25519Field.create();
    final int[] b = X25519Field.create();
    final int[] c = X25519Field.create();
    final int[] d = X25519Field.create();
    final int[] e = X25519Field.create();
    final int[] f = X25519Field.create();
    final int[] g = X25519Field.create();
    final int[] h = X25519Field.create();
  }
}
