package io.bftvote.topics.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Seeded random mutations, and several threads at once: batch verdicts still equal single ones. */
class BatchVerifierFuzzTest {
  private static final int MUTATIONS = 12;

  @Test
  void randomlyMutatedItemsGetBouncyCastlesVerdictOneByOne() {
    Random rnd = new Random(2024);
    Fixture fixture = new Fixture(rnd);
    int[] outcomes = new int[2];
    int done = 0;
    while (done < 2_000) {
      int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 300);
      List<Ed25519.Signed> batch = fixture.mutatedBatch(size, rnd.nextInt(4) == 0 ? 0.0 : 0.08);
      boolean[] verdicts = Ed25519.verifyAll(batch);
      for (int i = 0; i < size; i++) {
        boolean expected = BatchVerifierTest.single(batch.get(i));
        assertEquals(expected, verdicts[i], "item " + i + " of a batch of " + size);
        outcomes[expected ? 1 : 0]++;
      }
      done += size;
    }
    assertTrue(outcomes[0] > 50 && outcomes[1] > 1_000, "both verdicts well represented");
  }

  @Test
  void severalThreadsVerifyingBatchesAtOnceAllGetTheRightVerdicts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        long seed = 77 + thread;
        runs.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          Fixture fixture = new Fixture(rnd);
          for (int round = 0; round < 6; round++) {
            List<Ed25519.Signed> batch = fixture.mutatedBatch(80, 0.05);
            boolean[] verdicts = Ed25519.verifyAll(batch);
            for (int i = 0; i < batch.size(); i++) {
              assertEquals(BatchVerifierTest.single(batch.get(i)), verdicts[i], "item " + i);
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(2, TimeUnit.MINUTES); // rethrows a failed assertion
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Voters, a torsion point, and the mutations: the ways a signature can be wrong or unusual. */
  private static final class Fixture {
    private final Random rnd;
    private final List<Ed25519.KeyPair> voters = new ArrayList<>();
    private final Point torsion = Forge.orderEightPoint();

    Fixture(Random rnd) {
      this.rnd = rnd;
      for (int i = 0; i < 30; i++) {
        voters.add(Forge.voter(rnd));
      }
    }

    List<Ed25519.Signed> mutatedBatch(int size, double mutationRate) {
      List<Ed25519.Signed> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Ed25519.Signed item = Forge.signed(voters.get(rnd.nextInt(voters.size())), Forge.message(rnd));
        batch.add(rnd.nextDouble() < mutationRate ? mutate(item) : item);
      }
      return batch;
    }

    private Ed25519.Signed mutate(Ed25519.Signed item) {
      return switch (rnd.nextInt(MUTATIONS)) {
        case 0 -> Forge.flipSignatureBit(item, rnd.nextInt(256)); // R
        case 1 -> Forge.flipSignatureBit(item, 256 + rnd.nextInt(256)); // S, top bits included
        case 2 -> Forge.flipMessageBit(item, rnd.nextInt(1 << 12));
        case 3 -> new Ed25519.Signed(voters.get(rnd.nextInt(voters.size())).publicKey(), item.message(),
            item.signatureB64());
        case 4 -> Forge.withUnreducedS(item);
        case 5 -> Forge.withCommitment(item, randomBytes(32)); // off the curve about half the time
        case 6 -> Forge.withCommitment(item, nearP());
        case 7 -> torsionCommitment(); // valid for BouncyCastle
        case 8 -> torsionKey(); // valid for BouncyCastle
        case 9 -> smallOrderKey(item);
        case 10 -> new Ed25519.Signed(item.publicKeyB64(), item.message(), item.signatureB64().substring(1));
        default -> new Ed25519.Signed(Forge.b64(randomBytes(32)), item.message(), item.signatureB64());
      };
    }

    private Ed25519.Signed torsionCommitment() {
      BigInteger a = Forge.scalar(rnd);
      BigInteger r = Forge.scalar(rnd);
      Point rt = Forge.sum(Forge.baseTimes(r), multipleOfTorsion());
      return Forge.signRaw(a, Forge.baseTimes(a).encode(), r, rt.encode(), Forge.message(rnd));
    }

    private Ed25519.Signed torsionKey() {
      BigInteger a = Forge.scalar(rnd);
      BigInteger r = Forge.scalar(rnd);
      Point at = Forge.sum(Forge.baseTimes(a), multipleOfTorsion());
      return Forge.signRaw(a, at.encode(), r, Forge.baseTimes(r).encode(), Forge.message(rnd));
    }

    private Ed25519.Signed smallOrderKey(Ed25519.Signed item) {
      BigInteger r = Forge.scalar(rnd);
      return Forge.signRaw(BigInteger.ZERO, multipleOfTorsion().encode(), r, Forge.baseTimes(r).encode(),
          item.message());
    }

    private Point multipleOfTorsion() {
      return Forge.times(BigInteger.valueOf(rnd.nextInt(8)), torsion);
    }

    /** y in [p − 2, 2²⁵⁵): the non-canonical encodings and their neighbours, either sign. */
    private byte[] nearP() {
      BigInteger y = Point.P.add(BigInteger.valueOf(rnd.nextInt(21) - 2));
      byte[] enc = Scalars.toLittleEndian(y);
      if (rnd.nextBoolean()) {
        enc[31] |= (byte) 0x80;
      }
      return enc;
    }

    private byte[] randomBytes(int n) {
      byte[] b = new byte[n];
      rnd.nextBytes(b);
      return b;
    }
  }
}
