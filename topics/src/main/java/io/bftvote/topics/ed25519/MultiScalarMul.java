package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import java.util.List;

/**
 * Σ c_j·P_j + b·B by Straus' interleaving: one shared chain of doublings, and for each point its
 * own signed-window digits and table of odd multiples. The base point B has a wide table built
 * once, so its term costs only about one addition per nine bits.
 */
final class MultiScalarMul {
  /** Width for the variable points: 8 table entries (1 doubling + 7 additions to build). */
  static final int WIDTH = 5;
  /** Width for B, whose 64-entry table is built once for the life of the JVM. */
  static final int BASE_WIDTH = 8;

  /** B, the generator: y = 4/5, x positive (even). */
  static final Point BASE = Field.decodePoint(basePointEncoding(), 0);

  private static final Point.Cached[] BASE_TABLE = oddMultiples(BASE, BASE_WIDTH);

  private MultiScalarMul() {}

  /** A point and its scalar, 0 ≤ scalar < 2²⁵⁶. The point is only read. */
  record Term(Point point, BigInteger scalar) {}

  /** Σ term.scalar·term.point + baseScalar·B. */
  static Point compute(List<Term> terms, BigInteger baseScalar) {
    int n = terms.size();
    byte[][] digits = new byte[n + 1][];
    Point.Cached[][] tables = new Point.Cached[n + 1][];
    for (int j = 0; j < n; j++) {
      digits[j] = Scalars.wnaf(terms.get(j).scalar(), WIDTH);
      tables[j] = oddMultiples(terms.get(j).point(), WIDTH);
    }
    digits[n] = Scalars.wnaf(baseScalar, BASE_WIDTH);
    tables[n] = BASE_TABLE;

    Point.Scratch scratch = new Point.Scratch();
    Point acc = Point.neutral();
    int top = highestNonZero(digits);
    for (int i = top; i >= 0; i--) {
      if (i < top) {
        acc.dbl(scratch);
      }
      for (int j = 0; j <= n; j++) {
        int d = digits[j][i];
        if (d > 0) {
          acc.add(tables[j][d >>> 1], scratch);
        } else if (d < 0) {
          acc.subtract(tables[j][(-d) >>> 1], scratch);
        }
      }
    }
    return acc;
  }

  /** P, 3P, 5P, …, (2^(w−1) − 1)P: the multiples a width-w digit can name. */
  static Point.Cached[] oddMultiples(Point p, int width) {
    Point.Cached[] table = new Point.Cached[1 << (width - 2)];
    Point.Scratch scratch = new Point.Scratch();
    Point twice = p.copy();
    twice.dbl(scratch);
    Point.Cached twiceCached = twice.toCached();
    Point current = p.copy();
    table[0] = current.toCached();
    for (int i = 1; i < table.length; i++) {
      current.add(twiceCached, scratch);
      table[i] = current.toCached();
    }
    return table;
  }

  private static int highestNonZero(byte[][] digits) {
    for (int i = Scalars.DIGITS - 1; i >= 0; i--) {
      for (byte[] d : digits) {
        if (d[i] != 0) {
          return i;
        }
      }
    }
    return 0;
  }

  private static byte[] basePointEncoding() {
    byte[] enc = new byte[32];
    enc[0] = 0x58;
    for (int i = 1; i < 32; i++) {
      enc[i] = 0x66;
    }
    return enc;
  }
}
