package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/**
 * The limb-bound contract {@link Point} relies on, checked at its extremes against BigInteger:
 * mul and sqr of sums or differences of two carried values are exact, and their outputs are
 * carried again. An overflow here would make verification silently wrong, and random data
 * almost never reaches the extremes, so these cases are built to.
 */
class FieldBoundsTest {
  private static final int[] WIDTH = {26, 26, 25, 26, 25, 26, 26, 25, 26, 25};
  private static final int[] OFFSET = {0, 26, 52, 77, 103, 128, 154, 180, 205, 231};
  private static final BigInteger P = Point.P;

  @Test
  void productsOfTwoTermSumsAtExtremeLimbsAreExact() {
    Random rnd = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      int[] x = twoTerm(rnd);
      int[] y = twoTerm(rnd);
      int[] z = X25519Field.create();
      X25519Field.mul(x, y, z);
      assertEquals(value(x).multiply(value(y)).mod(P), value(z), "mul round " + round);
      assertCarried(z);
      X25519Field.sqr(x, z);
      assertEquals(value(x).multiply(value(x)).mod(P), value(z), "sqr round " + round);
      assertCarried(z);
    }
  }

  @Test
  void threeTermSumsAreExactOnceCarried() {
    Random rnd = new Random(8);
    for (int round = 0; round < 20_000; round++) {
      int[] x = twoTerm(rnd);
      X25519Field.add(x, extreme(rnd), x); // three carried terms, as in the doubling's E and F
      BigInteger expected = value(x);
      X25519Field.carry(x);
      assertEquals(expected, value(x));
      assertCarried(x);
      int[] z = X25519Field.create();
      X25519Field.mul(x, twoTerm(rnd), z);
      assertCarried(z);
    }
  }

  @Test
  void normalizeGivesTheCanonicalResidueOfATwoTermDifference() {
    Random rnd = new Random(9);
    for (int round = 0; round < 20_000; round++) {
      int[] x = twoTerm(rnd);
      BigInteger expected = value(x);
      X25519Field.normalize(x);
      byte[] le = new byte[32];
      X25519Field.encode(x, le, 0);
      assertEquals(expected, Scalars.fromLittleEndian(le, 0, 32));
    }
  }

  /** A carried value with each limb at 0, its maximum, or random, and a random sign pattern. */
  private static int[] extreme(Random rnd) {
    int[] v = X25519Field.create();
    int style = rnd.nextInt(3);
    for (int i = 0; i < 10; i++) {
      int max = (1 << WIDTH[i]) - 1;
      int limb = switch (style) {
        case 0 -> max;
        case 1 -> rnd.nextBoolean() ? max : rnd.nextInt(max + 1);
        default -> rnd.nextInt(max + 1);
      };
      v[i] = limb;
    }
    return v;
  }

  /** The sum or difference of two carried values: what mul and sqr may be handed. */
  private static int[] twoTerm(Random rnd) {
    int[] a = extreme(rnd);
    int[] b = extreme(rnd);
    int[] out = X25519Field.create();
    switch (rnd.nextInt(4)) {
      case 0 -> X25519Field.add(a, b, out);
      case 1 -> X25519Field.sub(a, b, out);
      case 2 -> X25519Field.sub(X25519Field.create(), a, out); // −a − b: both negative
      default -> X25519Field.copy(a, 0, out, 0);
    }
    if (rnd.nextInt(4) == 2) {
      X25519Field.sub(out, b, out);
    }
    return out;
  }

  private static BigInteger value(int[] limbs) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < 10; i++) {
      v = v.add(BigInteger.valueOf(limbs[i]).shiftLeft(OFFSET[i]));
    }
    return v.mod(P);
  }

  /** Each limb within a few bits' slack of its width, as the bound argument assumes. */
  private static void assertCarried(int[] z) {
    for (int i = 0; i < 10; i++) {
      assertTrue(Math.abs((long) z[i]) < (1L << WIDTH[i]) + (1L << 12), "limb " + i + " = " + z[i]);
    }
  }
}
