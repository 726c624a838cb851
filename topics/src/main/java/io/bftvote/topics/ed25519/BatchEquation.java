package io.bftvote.topics.ed25519;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cofactored batch equation [8]·( −(Σ z_i·s_i)·B + Σ z_i·R_i + Σ (z_i·k_i)·A_i ) = O with fresh
 * random nonzero 128-bit z_i. Each valid signature's term is already O after the cofactor, so a
 * batch of valid signatures always passes; see {@link BatchVerifier} for why a bad one fails it.
 */
final class BatchEquation {
  /** Most items in one equation: bounds each thread's reused buffers (about 1.2 MB). */
  static final int MOST_ITEMS = 256;
  private static final int COEFFICIENT_BYTES = 16;
  private static final int COEFFICIENT_WORDS = COEFFICIENT_BYTES / 4;

  /**
   * The z_i must be unpredictable to signers: one who could foresee them could craft two invalid
   * signatures whose errors cancel in the weighted sum, and the batch would accept both while
   * BouncyCastle (and every replica checking one by one) rejects them. One generator per thread,
   * and a DRBG rather than the default NativePRNG, whose /dev/urandom reader is one shared lock.
   */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(BatchEquation::newRandom);
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** One thread's buffers, reused from equation to equation (an equation is never re-entered). */
  private static final class Buffers {
    final int[][] z = new int[MOST_ITEMS][COEFFICIENT_WORDS];
    /** Σ z_i·s_i: each product is below 2³⁸¹, so the sum of 256 stays below 2⁵¹². */
    final int[] sumZs = new int[Scalars.WIDE];
    final int[] baseScalar = new int[Scalars.WORDS];
    /** Per distinct key, Σ z_i·k_i over its items (below 2⁵¹² likewise), then reduced mod L. */
    final int[][] keySums = new int[MOST_ITEMS][Scalars.WIDE];
    final int[][] keyScalars = new int[MOST_ITEMS][Scalars.WORDS];
    final int[] reduceScratch = new int[Scalars.REDUCE_SCRATCH];
    /**
     * Cached key points are shared, so one key's items carry the same Point instance (should the
     * cache be cleared meanwhile, a key just gets two terms, which is as correct).
     */
    final Map<Point, Integer> keySlots = new IdentityHashMap<>();
    final MultiScalarMul.Terms terms = new MultiScalarMul.Terms(2 * MOST_ITEMS);
    final Point sum = new Point();
    final Point.Scratch scratch = new Point.Scratch();
  }

  private BatchEquation() {}

  /** True if the piece's equation holds; at most {@link #MOST_ITEMS} items. */
  static boolean holds(List<Candidate> piece) {
    if (piece.size() > MOST_ITEMS) {
      throw new IllegalArgumentException("an equation takes at most " + MOST_ITEMS + " items, got " + piece.size());
    }
    Buffers b = BUFFERS.get();
    try {
      drawCoefficients(piece.size(), b);
      Arrays.fill(b.sumZs, 0);
      for (int i = 0; i < piece.size(); i++) {
        Candidate c = piece.get(i);
        Scalars.multiplyAdd(b.sumZs, b.z[i], COEFFICIENT_WORDS, c.s(), Scalars.WORDS);
        b.terms.add(c.r(), b.z[i], COEFFICIENT_WORDS);
        // Same key twice (a replica's many messages): one term with the summed scalar.
        int slot = keySlot(c.a(), b);
        Scalars.multiplyAdd(b.keySums[slot], b.z[i], COEFFICIENT_WORDS, c.k(), Scalars.WORDS);
      }
      for (Map.Entry<Point, Integer> key : b.keySlots.entrySet()) {
        int slot = key.getValue();
        Scalars.reduce(b.keySums[slot], b.keyScalars[slot], b.reduceScratch);
        b.terms.add(key.getKey(), b.keyScalars[slot], Scalars.WORDS);
      }
      Scalars.reduce(b.sumZs, b.baseScalar, b.reduceScratch);
      Scalars.negate(b.baseScalar);
      b.terms.sum(b.baseScalar, b.sum);
      for (int i = 0; i < 3; i++) {
        b.sum.dbl(b.scratch); // the cofactor 8, as BouncyCastle's single verification applies it
      }
      return b.sum.isNeutral(b.scratch);
    } finally {
      b.terms.clear(); // drop the references to this batch's points
      b.keySlots.clear();
    }
  }

  private static int keySlot(Point key, Buffers b) {
    Integer known = b.keySlots.get(key);
    if (known != null) {
      return known;
    }
    int slot = b.keySlots.size();
    Arrays.fill(b.keySums[slot], 0);
    b.keySlots.put(key, slot);
    return slot;
  }

  /** Independent uniform nonzero 128-bit z_i into b.z[0..n). */
  private static void drawCoefficients(int n, Buffers b) {
    SecureRandom random = RANDOM.get();
    byte[] bytes = new byte[n * COEFFICIENT_BYTES]; // exactly n draws: a DRBG's cost is per byte
    random.nextBytes(bytes);
    for (int i = 0; i < n; i++) {
      int[] z = b.z[i];
      Scalars.decode(bytes, i * COEFFICIENT_BYTES, COEFFICIENT_WORDS, z);
      while ((z[0] | z[1] | z[2] | z[3]) == 0) { // probability 2⁻¹²⁸, but zero would drop the item
        byte[] again = new byte[COEFFICIENT_BYTES];
        random.nextBytes(again);
        Scalars.decode(again, 0, COEFFICIENT_WORDS, z);
      }
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
