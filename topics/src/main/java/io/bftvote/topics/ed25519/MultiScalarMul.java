package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Σ c_j·P_j + b·B by Straus' interleaving: one shared chain of doublings, and for each point its
 * own signed-window digits and table of odd multiples. The base point B has a wide table built
 * once, so its term costs only about one addition per nine bits.
 */
final class MultiScalarMul {
  /**
   * Width for the variable points: 8 table entries (1 doubling + 7 additions to build). Measured
   * against 4 for the 128-bit z_i (4 table entries, an addition per 5 bits instead of 6): equal
   * within 1 %, as the operation counts predict, so one width for all.
   */
  static final int WIDTH = 5;
  /** Width for B, whose 64-entry table is built once for the life of the JVM. */
  static final int BASE_WIDTH = 8;

  /** B, the generator: y = 4/5, x positive (even). */
  static final Point BASE = Field.decodePoint(basePointEncoding(), 0);

  private static final Point.Cached[] BASE_TABLE = oddMultiples(BASE, BASE_WIDTH);

  private MultiScalarMul() {}

  /**
   * The terms of one sum and the tables and digits computing it needs, reused from sum to sum by
   * one thread so that a batch allocates no tables: at most {@code capacity} terms, each table
   * allocated the first time its slot is used.
   */
  static final class Terms {
    private final Point[] points;
    private final int[][] scalars;
    private final int[] scalarWords;
    private final byte[][] digits;
    private final Point.Cached[][] tables;
    private final byte[] baseDigits = new byte[Scalars.DIGITS];
    private final Point.Scratch scratch = new Point.Scratch();
    private final Point current = new Point();
    private final Point twice = new Point();
    private final Point.Cached twiceCached = new Point.Cached();
    private int count;

    Terms(int capacity) {
      points = new Point[capacity];
      scalars = new int[capacity][];
      scalarWords = new int[capacity];
      digits = new byte[capacity][];
      tables = new Point.Cached[capacity][];
    }

    /** Forgets the previous sum's terms (their points and scalars are no longer referenced). */
    void clear() {
      Arrays.fill(points, 0, count, null);
      Arrays.fill(scalars, 0, count, null);
      count = 0;
    }

    /**
     * Adds scalar·point, the scalar of {@code words} words (4 for a 128-bit z, 8 for a reduced
     * scalar); neither is modified, and both must stay unchanged until {@link #sum}.
     */
    void add(Point point, int[] scalar, int words) {
      if (count == points.length) {
        throw new IllegalStateException("more than " + points.length + " terms in one sum");
      }
      points[count] = point;
      scalars[count] = scalar;
      scalarWords[count] = words;
      count++;
    }

    /** out ← Σ terms + baseScalar·B, baseScalar of eight words. */
    void sum(int[] baseScalar, Point out) {
      for (int j = 0; j < count; j++) {
        if (digits[j] == null) {
          digits[j] = new byte[Scalars.DIGITS];
          tables[j] = newTable(WIDTH);
        }
        Scalars.wnaf(scalars[j], scalarWords[j], WIDTH, digits[j]);
        fillOddMultiples(points[j], tables[j]);
      }
      Scalars.wnaf(baseScalar, Scalars.WORDS, BASE_WIDTH, baseDigits);
      out.setNeutral();
      int top = highestNonZero();
      for (int i = top; i >= 0; i--) {
        if (i < top) {
          out.dbl(scratch);
        }
        for (int j = 0; j < count; j++) {
          addDigit(out, tables[j], digits[j][i]);
        }
        addDigit(out, BASE_TABLE, baseDigits[i]);
      }
    }

    private void addDigit(Point acc, Point.Cached[] table, int d) {
      if (d > 0) {
        acc.add(table[d >>> 1], scratch);
      } else if (d < 0) {
        acc.subtract(table[(-d) >>> 1], scratch);
      }
    }

    /** P, 3P, 5P, … into the table's reused entries. */
    private void fillOddMultiples(Point p, Point.Cached[] table) {
      twice.set(p);
      twice.dbl(scratch);
      twice.toCached(twiceCached);
      current.set(p);
      current.toCached(table[0]);
      for (int i = 1; i < table.length; i++) {
        current.add(twiceCached, scratch);
        current.toCached(table[i]);
      }
    }

    private int highestNonZero() {
      for (int i = Scalars.DIGITS - 1; i > 0; i--) {
        if (baseDigits[i] != 0) {
          return i;
        }
        for (int j = 0; j < count; j++) {
          if (digits[j][i] != 0) {
            return i;
          }
        }
      }
      return 0;
    }
  }

  /** A point and its scalar, 0 ≤ scalar < 2²⁵⁶: the form tests and one-off sums use. */
  record Term(Point point, BigInteger scalar) {}

  /** Σ term.scalar·term.point + baseScalar·B, with buffers of its own (not for the hot path). */
  static Point compute(List<Term> terms, BigInteger baseScalar) {
    Terms buffers = new Terms(terms.size());
    for (Term term : terms) {
      buffers.add(term.point(), Scalars.words(term.scalar(), Scalars.WORDS), Scalars.WORDS);
    }
    Point out = new Point();
    buffers.sum(Scalars.words(baseScalar, Scalars.WORDS), out);
    return out;
  }

  /** P, 3P, 5P, …, (2^(w−1) − 1)P: the multiples a width-w digit can name. */
  static Point.Cached[] oddMultiples(Point p, int width) {
    Point.Cached[] table = newTable(width);
    new Terms(0).fillOddMultiples(p, table);
    return table;
  }

  private static Point.Cached[] newTable(int width) {
    Point.Cached[] table = new Point.Cached[1 << (width - 2)];
    for (int i = 0; i < table.length; i++) {
      table[i] = new Point.Cached();
    }
    return table;
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
