package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.junit.jupiter.api.Test;

/** The curve arithmetic, checked against BouncyCastle where it is observable and against algebra. */
class PointTest {
  @Test
  void secretScalarTimesBaseEncodesToBouncyCastlesPublicKey() {
    Random rnd = new Random(1);
    for (int i = 0; i < 50; i++) {
      byte[] seed = new byte[32];
      rnd.nextBytes(seed);
      assertArrayEquals(Bytes.fromB64url(Ed25519.KeyPair.fromPrivate(seed).publicKey()),
          Forge.baseTimes(secretScalar(seed)).encode());
    }
  }

  @Test
  void decodingThenEncodingGivesBackTheKey() {
    Random rnd = new Random(2);
    for (int i = 0; i < 50; i++) {
      byte[] key = Bytes.fromB64url(Forge.voter(rnd).publicKey());
      assertArrayEquals(key, Field.decodePoint(key, 0).encode());
    }
  }

  @Test
  void theGroupOrderTimesBaseIsNeutralAndOneLessIsMinusBase() {
    assertTrue(Forge.baseTimes(Scalars.L).isNeutral());
    byte[] minusB = Forge.baseTimes(Scalars.L.subtract(BigInteger.ONE)).encode();
    byte[] b = MultiScalarMul.BASE.encode();
    b[31] ^= (byte) 0x80; // −B: the same y, the other sign
    assertArrayEquals(b, minusB);
  }

  @Test
  void multiScalarSumEqualsTheSumOfSeparateProducts() {
    Random rnd = new Random(3);
    List<MultiScalarMul.Term> terms = new ArrayList<>();
    BigInteger base = Forge.scalar(rnd);
    Point expected = Forge.baseTimes(base);
    for (int i = 0; i < 12; i++) {
      Point p = Forge.baseTimes(Forge.scalar(rnd));
      BigInteger c = i % 2 == 0 ? Forge.scalar(rnd) : new BigInteger(128, rnd);
      terms.add(new MultiScalarMul.Term(p, c));
      expected = Forge.sum(expected, doubleAndAdd(c, p));
    }
    assertArrayEquals(expected.encode(), MultiScalarMul.compute(terms, base).encode());
  }

  @Test
  void windowDigitsAreOddBoundedSparseAndSumToTheScalar() {
    Random rnd = new Random(4);
    byte[] digits = new byte[Scalars.DIGITS];
    for (int w : new int[] {4, 5, 8}) {
      for (int i = 0; i < 200; i++) {
        int words = i % 2 == 0 ? Scalars.WORDS : 4; // a reduced scalar, or a 128-bit z
        BigInteger k = new BigInteger(32 * words, rnd);
        Scalars.wnaf(Scalars.words(k, words), words, w, digits);
        BigInteger sum = BigInteger.ZERO;
        int lastNonZero = -w;
        for (int pos = 0; pos < digits.length; pos++) {
          int d = digits[pos];
          if (d != 0) {
            assertTrue((d & 1) == 1 && Math.abs(d) < (1 << (w - 1)), "digit " + d);
            assertTrue(pos - lastNonZero >= w, "two nonzero digits within a window");
            lastNonZero = pos;
            sum = sum.add(BigInteger.valueOf(d).shiftLeft(pos));
          }
        }
        assertEquals(k, sum);
      }
    }
  }

  @Test
  void decoderRefusesNonCanonicalYOffCurveAndSignedZeroX() {
    byte[] p = Scalars.toLittleEndian(Point.P);
    assertNull(Field.decodePoint(p, 0));
    byte[] one = Scalars.toLittleEndian(BigInteger.ONE);
    assertTrue(Field.decodePoint(one, 0).isNeutral());
    one[31] |= (byte) 0x80;
    assertNull(Field.decodePoint(one, 0));
    int offCurve = 0;
    for (int y = 2; y < 40; y++) {
      if (Field.decodePoint(Scalars.toLittleEndian(BigInteger.valueOf(y)), 0) == null) {
        offCurve++;
      }
    }
    assertTrue(offCurve > 5, "about half of all y are off the curve");
  }

  @Test
  void orderEightPointHasOrderExactlyEight() {
    Point t = Forge.orderEightPoint();
    Point.Scratch s = new Point.Scratch();
    Point p = t.copy();
    for (int i = 1; i <= 3; i++) {
      assertFalse(p.isNeutral(), "order divides " + (1 << (i - 1)));
      p.dbl(s);
    }
    assertTrue(p.isNeutral());
  }

  private static Point doubleAndAdd(BigInteger k, Point p) {
    Point acc = Point.neutral();
    Point.Scratch s = new Point.Scratch();
    Point.Cached c = p.toCached();
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc.dbl(s);
      if (k.testBit(i)) {
        acc.add(c, s);
      }
    }
    return acc;
  }

  /** RFC 8032 §5.1.5: the pruned low half of SHA-512(seed). */
  private static BigInteger secretScalar(byte[] seed) {
    SHA512Digest sha = new SHA512Digest();
    sha.update(seed, 0, 32);
    byte[] h = new byte[64];
    sha.doFinal(h, 0);
    byte[] low = Arrays.copyOf(h, 32);
    low[0] &= (byte) 0xF8;
    low[31] &= 0x7F;
    low[31] |= 0x40;
    return Scalars.fromLittleEndian(low, 0, 32);
  }
}
