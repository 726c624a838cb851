package io.bftvote.topics.ed25519;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cofactored batch equation [8]·( −(Σ z_i·s_i)·B + Σ z_i·R_i + Σ (z_i·k_i)·A_i ) = O with fresh
 * random nonzero 128-bit z_i. Each valid signature's term is already O after the cofactor, so a
 * batch of valid signatures always passes; see {@link BatchVerifier} for why a bad one fails it.
 */
final class BatchEquation {
  private static final int COEFFICIENT_BYTES = 16;

  /**
   * The z_i must be unpredictable to signers: one who could foresee them could craft two invalid
   * signatures whose errors cancel in the weighted sum, and the batch would accept both while
   * BouncyCastle (and every replica checking one by one) rejects them. One generator per thread,
   * and a DRBG rather than the default NativePRNG, whose /dev/urandom reader is one shared lock.
   */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(BatchEquation::newRandom);

  private BatchEquation() {}

  static boolean holds(List<Candidate> piece) {
    BigInteger[] z = coefficients(piece.size());
    BigInteger sumZs = BigInteger.ZERO;
    List<MultiScalarMul.Term> terms = new ArrayList<>(piece.size() * 2);
    // Same key twice (a replica's many messages): one term with the summed scalar.
    Map<String, BigInteger> keyScalars = new LinkedHashMap<>();
    Map<String, Point> keyPoints = new LinkedHashMap<>();
    for (int i = 0; i < piece.size(); i++) {
      Candidate c = piece.get(i);
      sumZs = sumZs.add(z[i].multiply(c.s()));
      terms.add(new MultiScalarMul.Term(c.r(), z[i]));
      keyScalars.merge(c.keyB64(), z[i].multiply(c.k()), BigInteger::add);
      keyPoints.putIfAbsent(c.keyB64(), c.a());
    }
    for (Map.Entry<String, BigInteger> e : keyScalars.entrySet()) {
      terms.add(new MultiScalarMul.Term(keyPoints.get(e.getKey()), e.getValue().mod(Scalars.L)));
    }
    BigInteger baseScalar = sumZs.negate().mod(Scalars.L);
    Point sum = MultiScalarMul.compute(terms, baseScalar);
    Point.Scratch scratch = new Point.Scratch();
    for (int i = 0; i < 3; i++) {
      sum.dbl(scratch); // the cofactor 8, as BouncyCastle's single verification applies it
    }
    return sum.isNeutral();
  }

  private static BigInteger[] coefficients(int n) {
    SecureRandom random = RANDOM.get();
    byte[] bytes = new byte[n * COEFFICIENT_BYTES];
    random.nextBytes(bytes);
    BigInteger[] z = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      z[i] = Scalars.fromLittleEndian(bytes, i * COEFFICIENT_BYTES, COEFFICIENT_BYTES);
      while (z[i].signum() == 0) {
        byte[] again = new byte[COEFFICIENT_BYTES];
        random.nextBytes(again);
        z[i] = Scalars.fromLittleEndian(again, 0, COEFFICIENT_BYTES);
      }
    }
    return z;
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
