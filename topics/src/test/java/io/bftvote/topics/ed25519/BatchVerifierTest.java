package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Batch verdicts equal BouncyCastle's single verdicts, item by item, whatever the batch holds. */
class BatchVerifierTest {
  private final Random rnd = new Random(42);
  private final List<Ed25519.KeyPair> voters = new ArrayList<>();

  BatchVerifierTest() {
    for (int i = 0; i < 40; i++) {
      voters.add(Forge.voter(rnd));
    }
  }

  @Test
  void validBatchesOfEverySizeAreAllAccepted() {
    for (int size : new int[] {0, 1, 2, 3, 7, 8, 64, 130, 500}) {
      boolean[] verdicts = Ed25519.verifyAll(validBatch(size));
      boolean[] allTrue = new boolean[size];
      Arrays.fill(allTrue, true);
      assertArrayEquals(allTrue, verdicts, "size " + size);
    }
  }

  @Test
  void oneCorruptedItemAnywhereIsTheOnlyOneRejected() {
    List<UnaryOperator<Ed25519.Signed>> corruptions = List.of(
        item -> Forge.flipSignatureBit(item, 3), // in R
        item -> Forge.flipSignatureBit(item, 256 + 9), // in S
        item -> Forge.flipMessageBit(item, 17),
        item -> new Ed25519.Signed(otherVoter(item).publicKey(), item.message(), item.signatureB64()));
    for (UnaryOperator<Ed25519.Signed> corrupt : corruptions) {
      for (int position : new int[] {0, 31, 63}) {
        List<Ed25519.Signed> batch = validBatch(64);
        batch.set(position, corrupt.apply(batch.get(position)));
        boolean[] verdicts = Ed25519.verifyAll(batch);
        for (int i = 0; i < batch.size(); i++) {
          assertEquals(i != position, verdicts[i], "item " + i + ", corrupted " + position);
        }
      }
    }
  }

  @Test
  void manyBadItemsAreEachFoundAndTheRestAccepted() {
    List<Ed25519.Signed> batch = validBatch(130);
    boolean[] expected = new boolean[batch.size()];
    Arrays.fill(expected, true);
    for (int i = 0; i < batch.size(); i += 1 + rnd.nextInt(9)) {
      batch.set(i, Forge.flipMessageBit(batch.get(i), i));
      expected[i] = false;
    }
    assertArrayEquals(expected, Ed25519.verifyAll(batch));
  }

  @Test
  void aBatchOfOnlyForgeriesIsAllRejected() {
    List<Ed25519.Signed> batch = validBatch(100);
    batch.replaceAll(item -> Forge.flipSignatureBit(item, 300));
    assertArrayEquals(new boolean[100], Ed25519.verifyAll(batch));
  }

  @Test
  void errorsThatCancelInAnUnweightedSumAreStillCaught() {
    // S₁ + δ and S₂ − δ: Σ(s_i·B − R_i − k_i·A_i) is still O, so only the random weights catch it.
    List<Ed25519.Signed> batch = validBatch(16);
    BigInteger delta = BigInteger.valueOf(12345);
    batch.set(4, shiftS(batch.get(4), delta));
    batch.set(9, shiftS(batch.get(9), delta.negate()));
    boolean[] verdicts = Ed25519.verifyAll(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(i != 4 && i != 9, verdicts[i], "item " + i);
    }
  }

  @Test
  void unreducedSIsRejectedAsBouncyCastleRejectsIt() {
    List<Ed25519.Signed> batch = validBatch(20);
    batch.set(5, Forge.withUnreducedS(batch.get(5)));
    assertFalse(single(batch.get(5)), "BouncyCastle refuses S ≥ L");
    assertAgreesWithBouncyCastle(batch);
    assertFalse(Ed25519.verifyAll(batch)[5]);
  }

  @Test
  void commitmentsBouncyCastleRefusesAreRefusedHereToo() {
    byte[] yIsP = Scalars.toLittleEndian(Point.P);
    byte[] yIsPPlusOne = Scalars.toLittleEndian(Point.P.add(BigInteger.ONE)); // 1, non-canonically
    byte[] zeroXWithSign = Scalars.toLittleEndian(BigInteger.ONE);
    zeroXWithSign[31] |= (byte) 0x80;
    byte[] offCurve = firstOffCurveY();
    List<Ed25519.Signed> batch = validBatch(24);
    batch.set(1, Forge.withCommitment(batch.get(1), yIsP));
    batch.set(7, Forge.withCommitment(batch.get(7), yIsPPlusOne));
    batch.set(13, Forge.withCommitment(batch.get(13), zeroXWithSign));
    batch.set(23, Forge.withCommitment(batch.get(23), offCurve));
    boolean[] verdicts = assertAgreesWithBouncyCastle(batch);
    for (int bad : new int[] {1, 7, 13, 23}) {
      assertFalse(verdicts[bad], "item " + bad);
    }
  }

  @Test
  void commitmentWithATorsionComponentIsAcceptedLikeBouncyCastle() {
    Point t = Forge.orderEightPoint();
    List<Ed25519.Signed> batch = validBatch(30);
    for (int position : new int[] {0, 12, 29}) {
      BigInteger a = Forge.scalar(rnd);
      BigInteger r = Forge.scalar(rnd);
      byte[] key = Forge.baseTimes(a).encode();
      byte[] commitment = Forge.sum(Forge.baseTimes(r), t).encode();
      batch.set(position, Forge.signRaw(a, key, r, commitment, Forge.message(rnd)));
      assertTrue(single(batch.get(position)), "BouncyCastle 1.83 is cofactored: it accepts R + T");
    }
    assertTrue(allTrue(assertAgreesWithBouncyCastle(batch)));
  }

  @Test
  void publicKeyWithATorsionComponentIsAcceptedLikeBouncyCastle() {
    Point t = Forge.orderEightPoint();
    List<Ed25519.Signed> batch = validBatch(30);
    for (int position : new int[] {2, 15, 28}) {
      BigInteger a = Forge.scalar(rnd);
      BigInteger r = Forge.scalar(rnd);
      byte[] key = Forge.sum(Forge.baseTimes(a), t).encode();
      byte[] commitment = Forge.baseTimes(r).encode();
      batch.set(position, Forge.signRaw(a, key, r, commitment, Forge.message(rnd)));
      assertTrue(single(batch.get(position)), "BouncyCastle 1.83 accepts a mixed-order key A + T");
    }
    assertTrue(allTrue(assertAgreesWithBouncyCastle(batch)));
  }

  @Test
  void theCofactoredEquationItselfHoldsForTorsionComponentsWithoutFallingBack() {
    Point t = Forge.orderEightPoint();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      BigInteger a = Forge.scalar(rnd);
      BigInteger r = Forge.scalar(rnd);
      Point key = i % 2 == 0 ? Forge.sum(Forge.baseTimes(a), t) : Forge.baseTimes(a);
      Point commitment = i % 3 == 0 ? Forge.sum(Forge.baseTimes(r), t) : Forge.baseTimes(r);
      candidates.add(Candidate.parse(i,
          Forge.signRaw(a, key.encode(), r, commitment.encode(), Forge.message(rnd))));
    }
    assertTrue(BatchEquation.holds(candidates));
  }

  @Test
  void smallOrderPublicKeysAreRejected() {
    Point t = Forge.orderEightPoint();
    List<Point> smallOrder = new ArrayList<>(List.of(Point.neutral()));
    Point p = t.copy();
    for (int i = 1; i < 8; i++) {
      smallOrder.add(p.copy());
      p.add(t.toCached(), new Point.Scratch());
    }
    List<Ed25519.Signed> batch = validBatch(20);
    for (int i = 0; i < smallOrder.size(); i++) {
      byte[] key = smallOrder.get(i).encode();
      BigInteger r = Forge.scalar(rnd);
      // With a = 0 this "signature" satisfies the equation: only the key check stops it.
      batch.set(2 * i, Forge.signRaw(BigInteger.ZERO, key, r, Forge.baseTimes(r).encode(), Forge.message(rnd)));
    }
    boolean[] verdicts = assertAgreesWithBouncyCastle(batch);
    for (int i = 0; i < smallOrder.size(); i++) {
      assertFalse(verdicts[2 * i], "small-order key " + i);
    }
  }

  @Test
  void anEquationRefusesMoreItemsThanItsReusedBuffersHoldSoVerifyAllSplitsBigBatches() {
    Candidate c = Candidate.parse(0, validBatch(1).get(0));
    List<Candidate> tooMany = new ArrayList<>();
    for (int i = 0; i <= BatchEquation.MOST_ITEMS; i++) {
      tooMany.add(c);
    }
    assertThrows(IllegalArgumentException.class, () -> BatchEquation.holds(tooMany));
    List<Ed25519.Signed> big = validBatch(2 * BatchEquation.MOST_ITEMS + 3);
    big.set(BatchEquation.MOST_ITEMS + 1, Forge.flipMessageBit(big.get(BatchEquation.MOST_ITEMS + 1), 5));
    assertAgreesWithBouncyCastle(big);
  }

  @Test
  void malformedItemsAreRejectedWithoutThrowing() {
    List<Ed25519.Signed> batch = validBatch(12);
    Ed25519.Signed ok = batch.get(0);
    batch.set(1, new Ed25519.Signed(ok.publicKeyB64(), ok.message(), "not base64!"));
    batch.set(2, new Ed25519.Signed(ok.publicKeyB64(), ok.message(), ok.signatureB64().substring(4)));
    batch.set(3, new Ed25519.Signed("AAAA", ok.message(), ok.signatureB64()));
    batch.set(4, new Ed25519.Signed(null, ok.message(), ok.signatureB64()));
    batch.set(5, new Ed25519.Signed(ok.publicKeyB64(), null, ok.signatureB64()));
    batch.set(6, null);
    boolean[] verdicts = Ed25519.verifyAll(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(i == 0 || i > 6, verdicts[i], "item " + i);
    }
  }

  private List<Ed25519.Signed> validBatch(int size) {
    List<Ed25519.Signed> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      batch.add(Forge.signed(voters.get(rnd.nextInt(voters.size())), Forge.message(rnd)));
    }
    return batch;
  }

  private Ed25519.KeyPair otherVoter(Ed25519.Signed item) {
    return voters.stream().filter(v -> !v.publicKey().equals(item.publicKeyB64())).findFirst().orElseThrow();
  }

  private static Ed25519.Signed shiftS(Ed25519.Signed item, BigInteger delta) {
    byte[] sig = Forge.signatureBytes(item);
    BigInteger s = Scalars.fromLittleEndian(sig, 32, 32).add(delta).mod(Scalars.L);
    System.arraycopy(Scalars.toLittleEndian(s), 0, sig, 32, 32);
    return Forge.withSignature(item, sig);
  }

  private static byte[] firstOffCurveY() {
    for (int y = 2; ; y++) {
      byte[] enc = Scalars.toLittleEndian(BigInteger.valueOf(y));
      if (Field.decodePoint(enc, 0) == null) {
        return enc;
      }
    }
  }

  static boolean single(Ed25519.Signed item) {
    return Ed25519.verify(item.publicKeyB64(), item.message(), item.signatureB64());
  }

  static boolean[] assertAgreesWithBouncyCastle(List<Ed25519.Signed> batch) {
    boolean[] verdicts = Ed25519.verifyAll(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(single(batch.get(i)), verdicts[i], "item " + i);
    }
    return verdicts;
  }

  private static boolean allTrue(boolean[] verdicts) {
    for (boolean v : verdicts) {
      if (!v) {
        return false;
      }
    }
    return true;
  }
}
