package io.bftvote.bench;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many Ed25519 signatures one core of this machine verifies a second, measured at the time of
 * a bench run: BouncyCastle one by one (the yardstick issue 7 gives for the machine) and the
 * project's batch verifier in batches of {@value #BATCH} (what the replicas and the gateway run).
 *
 * <p>Why a load run records it: verification is about half of the CPU a vote costs, and the same
 * build on the same 2-core VM has needed 1.4 times as much CPU a vote on some days as on others
 * (neighbours on the host, not visible as steal time). A committed-votes figure means little
 * without the speed of the machine it was measured on, that day. It is the speed of the machine
 * the bench runs on: the system's own only when they share it (--devnet, --processes).
 *
 * @param oneByOnePerSecond BouncyCastle verifications a second, on one thread
 * @param batchedPerSecond signatures a second through {@link Ed25519#verifyAll}, on one thread
 */
record SignatureSpeed(double oneByOnePerSecond, double batchedPerSecond) {
  static final int BATCH = 64;
  /** The two kinds take turns, so that a machine whose speed drifts meanwhile weighs on both alike. */
  private static final int TURNS = 4;

  /**
   * Measures for about {@code length} on the calling thread, after a warm-up as long in which the
   * JIT compiles both paths (with half as long, a fresh JVM's first check came out 10 % under its
   * last). Every verdict must be true: the signatures are genuine.
   */
  static SignatureSpeed measure(Duration length) {
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a speed check needs a positive length, got " + length);
    }
    List<Ed25519.Signed> batch = signedBallots();
    long slice = length.toNanos() / (2 * TURNS);
    for (int turn = 0; turn < TURNS; turn++) { // the warm-up, as long again
      oneByOne(batch, slice);
      batched(batch, slice);
    }
    long single = 0;
    long together = 0;
    long singleNanos = 0;
    long togetherNanos = 0;
    for (int turn = 0; turn < TURNS; turn++) {
      long from = System.nanoTime();
      single += oneByOne(batch, slice);
      long middle = System.nanoTime();
      together += batched(batch, slice);
      long to = System.nanoTime();
      singleNanos += middle - from;
      togetherNanos += to - middle;
    }
    return new SignatureSpeed(single * 1e9 / singleNanos, together * 1e9 / togetherNanos);
  }

  String describe() {
    return String.format(Locale.ROOT, "BouncyCastle verifies %,.0f signatures/s one by one, the batch verifier"
        + " %,.0f/s in batches of %d, on one core", oneByOnePerSecond, batchedPerSecond, BATCH);
  }

  /** Ballots as voters sign them, each from its own key, the keys already in the verifiers' caches. */
  private static List<Ed25519.Signed> signedBallots() {
    List<Ed25519.Signed> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "speed-" + i).signed());
    }
    return batch;
  }

  /** Verifies one signature at a time for {@code nanos}; returns how many. */
  private static long oneByOne(List<Ed25519.Signed> batch, long nanos) {
    long count = 0;
    long end = System.nanoTime() + nanos;
    do {
      Ed25519.Signed s = batch.get((int) (count % BATCH));
      if (!Ed25519.verify(s.publicKeyB64(), s.message(), s.signatureB64())) {
        throw new IllegalStateException("a genuine signature failed to verify: this machine's arithmetic is broken");
      }
      count++;
    } while (System.nanoTime() < end);
    return count;
  }

  /** Verifies whole batches for {@code nanos}; returns how many signatures. */
  private static long batched(List<Ed25519.Signed> batch, long nanos) {
    long count = 0;
    long end = System.nanoTime() + nanos;
    do {
      for (boolean holds : Ed25519.verifyAll(batch)) {
        if (!holds) {
          throw new IllegalStateException("a genuine signature failed the batch verifier: its arithmetic is broken");
        }
      }
      count += BATCH;
    } while (System.nanoTime() < end);
    return count;
  }
}
