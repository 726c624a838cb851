package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyPoints}' own key validation (behind {@link Ed25519#isValidPublicKey}) accepts exactly
 * the keys BouncyCastle 1.83's {@code Ed25519PublicKeyParameters} accepts: on every small-order
 * point, every non-canonical encoding, random bytes and real keys.
 */
class KeyValidityTest {
  @Test
  void theEightSmallOrderPointsAreRefusedWithEitherSignBit() {
    List<byte[]> encodings = new ArrayList<>();
    for (Point p : smallOrderPoints()) {
      byte[] enc = p.encode();
      encodings.add(enc);
      byte[] flipped = enc.clone();
      flipped[31] ^= (byte) 0x80;
      encodings.add(flipped);
    }
    for (byte[] enc : encodings) {
      assertFalse(bouncyCastleAccepts(enc), "BouncyCastle refuses small-order " + Bytes.hex(enc));
      assertSameVerdict(enc);
    }
  }

  @Test
  void everyNonCanonicalYAndItsNeighboursGetBouncyCastlesVerdict() {
    // y in [p − 3, 2²⁵⁵): p and p + 1 are 0 and 1 (small order) spelled non-canonically.
    for (int delta = -3; delta < 19; delta++) {
      byte[] enc = Scalars.toLittleEndian(Point.P.add(BigInteger.valueOf(delta)));
      for (int sign = 0; sign < 2; sign++) {
        enc[31] = (byte) ((enc[31] & 0x7F) | sign << 7);
        if (delta >= 0) {
          assertFalse(bouncyCastleAccepts(enc), "y = p + " + delta);
        }
        assertSameVerdict(enc);
      }
    }
  }

  @Test
  void randomThirtyTwoByteStringsGetBouncyCastlesVerdict() {
    Random rnd = new Random(31);
    int[] verdicts = new int[2];
    byte[] enc = new byte[32];
    for (int i = 0; i < 10_000; i++) {
      rnd.nextBytes(enc);
      verdicts[assertSameVerdict(enc) ? 1 : 0]++;
    }
    assertTrue(verdicts[0] > 4_000 && verdicts[1] > 4_000, "about half of all y are on the curve");
  }

  @Test
  void realKeysAndKeysWithATorsionComponentAreAccepted() {
    Random rnd = new Random(32);
    Point torsion = Forge.orderEightPoint();
    for (int i = 0; i < 200; i++) {
      byte[] real = Bytes.fromB64url(Forge.voter(rnd).publicKey());
      assertTrue(assertSameVerdict(real));
      byte[] mixed = Forge.sum(Forge.baseTimes(Forge.scalar(rnd)), Forge.times(BigInteger.valueOf(1 + i % 7), torsion)).encode();
      assertTrue(assertSameVerdict(mixed), "A + T has large order");
    }
  }

  @Test
  void textThatIsNotThirtyTwoBytesOfBase64urlIsRefusedWithoutThrowing() {
    String real = Forge.voter(new Random(33)).publicKey();
    for (String text : new String[] {null, "", "AAAA", real + "A", real.substring(1), real + "=", "!" + real.substring(1)}) {
      assertFalse(KeyPoints.isValid(text), String.valueOf(text));
      assertFalse(Ed25519.isValidPublicKey(text), String.valueOf(text));
    }
  }

  /** Asserts our verdict (uncached and through the public check) equals BouncyCastle's; returns it. */
  private static boolean assertSameVerdict(byte[] enc) {
    boolean expected = bouncyCastleAccepts(enc);
    String b64 = Bytes.b64url(enc);
    assertEquals(expected, KeyPoints.isValid(b64), Bytes.hex(enc));
    assertEquals(expected, KeyPoints.isValid(b64), "again, from the cache: " + Bytes.hex(enc));
    assertEquals(expected, Ed25519.isValidPublicKey(b64), Bytes.hex(enc));
    return expected;
  }

  private static boolean bouncyCastleAccepts(byte[] enc) {
    try {
      new Ed25519PublicKeyParameters(enc, 0);
      return true;
    } catch (IllegalArgumentException refused) {
      return false;
    }
  }

  /** O and the multiples T, 2T, …, 7T of a point of order 8: the whole torsion subgroup. */
  private static List<Point> smallOrderPoints() {
    Point t = Forge.orderEightPoint();
    List<Point> points = new ArrayList<>(List.of(Point.neutral()));
    Point p = t.copy();
    for (int i = 1; i < 8; i++) {
      points.add(p.copy());
      p.add(t.toCached(), new Point.Scratch());
    }
    return points;
  }
}
