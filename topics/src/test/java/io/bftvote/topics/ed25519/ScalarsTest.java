package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word arithmetic mod L against BigInteger, on random values and on the edges where carries and Barrett's corrections happen. */
class ScalarsTest {
  private static final BigInteger L = Scalars.L;
  private static final BigInteger TWO_512 = BigInteger.ONE.shiftLeft(512);

  @Test
  void reductionOfAnyFiveHundredTwelveBitValueEqualsBigIntegerMod() {
    Random rnd = new Random(11);
    int[] out = new int[Scalars.WORDS];
    int[] scratch = new int[Scalars.REDUCE_SCRATCH];
    for (int i = 0; i < 20_000; i++) {
      BigInteger x = switch (i % 4) {
        case 0 -> new BigInteger(512, rnd);
        case 1 -> new BigInteger(1 + rnd.nextInt(512), rnd);
        case 2 -> L.multiply(new BigInteger(259, rnd)).add(BigInteger.valueOf(rnd.nextInt(3) - 1)).mod(TWO_512);
        default -> TWO_512.subtract(BigInteger.valueOf(1 + rnd.nextInt(1000)));
      };
      Scalars.reduce(Scalars.words(x, Scalars.WIDE), out, scratch);
      assertEquals(x.mod(L), Scalars.toBigInteger(out, Scalars.WORDS), "x = " + x.toString(16));
    }
  }

  @Test
  void sumsOfProductsAccumulateExactly() {
    Random rnd = new Random(12);
    for (int round = 0; round < 500; round++) {
      int[] acc = new int[Scalars.WIDE];
      BigInteger expected = BigInteger.ZERO;
      for (int i = 0; i < 256; i++) {
        BigInteger z = round % 5 == 0 ? BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE) : new BigInteger(128, rnd);
        BigInteger k = round % 5 == 0 ? L.subtract(BigInteger.ONE) : new BigInteger(256, rnd).mod(L);
        Scalars.multiplyAdd(acc, Scalars.words(z, 4), 4, Scalars.words(k, Scalars.WORDS), Scalars.WORDS);
        expected = expected.add(z.multiply(k));
      }
      assertEquals(expected, Scalars.toBigInteger(acc, Scalars.WIDE));
    }
  }

  @Test
  void negationAndTheReducedCheckAgreeWithBigInteger() {
    Random rnd = new Random(13);
    for (int i = 0; i < 5_000; i++) {
      BigInteger s = i < 3 ? BigInteger.valueOf(i) : new BigInteger(253, rnd).mod(L);
      int[] words = Scalars.words(s, Scalars.WORDS);
      Scalars.negate(words);
      assertEquals(s.negate().mod(L), Scalars.toBigInteger(words, Scalars.WORDS));
      BigInteger near = L.add(BigInteger.valueOf(rnd.nextInt(7) - 3));
      BigInteger candidate = i % 2 == 0 ? near : new BigInteger(256, rnd);
      assertEquals(candidate.compareTo(L) < 0, Scalars.isReduced(Scalars.words(candidate, Scalars.WORDS)));
    }
  }

  @Test
  void littleEndianBytesDecodeToTheSameValue() {
    Random rnd = new Random(14);
    byte[] bytes = new byte[64];
    int[] words = new int[Scalars.WIDE];
    for (int i = 0; i < 1_000; i++) {
      rnd.nextBytes(bytes);
      Scalars.decode(bytes, 0, Scalars.WIDE, words);
      assertEquals(Scalars.fromLittleEndian(bytes, 0, 64), Scalars.toBigInteger(words, Scalars.WIDE));
    }
  }
}
