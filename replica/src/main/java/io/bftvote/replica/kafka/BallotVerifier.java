package io.bftvote.replica.kafka;

import io.bftvote.replica.keys.RecentKeys;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks ballot signatures at the edge, in parallel, each ballot once: the same ballot arrives as
 * a request and again inside a pre-prepare and a block, and an Ed25519 verification is the most
 * expensive thing a replica does. Verified ballots are remembered by request id <em>and</em>
 * signature (the request id does not cover the signature), as their raw 96 bytes in a bounded
 * first-in-first-out {@link RecentKeys}: ~21 MB when full, where records holding the two strings
 * kept ~60 MB in 1.2 million objects, each living about a minute at full load: long enough to be
 * promoted, and then garbage for the old generation to collect.
 */
public final class BallotVerifier implements AutoCloseable {
  static final int CACHE_LIMIT = 200_000;
  /**
   * Below this a share is not worth a thread of its own: batch verification halves the cost of a
   * signature from a few dozen up, so two half-full batches would cost more than one full one.
   */
  private static final int SMALLEST_CHUNK = 64;

  /** Request id (a SHA-256) then signature, both raw. */
  private static final int KEY_BYTES = 32 + 64;

  /** Guarded by itself: the pool's threads share it. */
  private final RecentKeys verified = new RecentKeys(KEY_BYTES, CACHE_LIMIT);
  private final ThreadPoolExecutor pool;
  private final int threads;

  public BallotVerifier(String name, int threads) {
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    // A bounded queue, and the caller verifies itself when the pool is saturated: backpressure.
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256),
        r -> {
          Thread t = new Thread(r, name + "-verify-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** True if the ballot is well-formed and its voter signed it; the answer is cached if true. */
  public boolean isValid(Ballot ballot) {
    return ballot != null && checkedTogether(List.of(ballot)).get(0);
  }

  /** Whether each ballot is valid, in order; the work is spread over the pool in batches. */
  public List<Boolean> validity(List<Ballot> ballots) {
    if (pool.isShutdown()) {
      return checkedTogether(ballots); // closing: a rejected task would never complete
    }
    int chunk = Math.max(SMALLEST_CHUNK, (ballots.size() + threads - 1) / threads);
    List<CompletableFuture<List<Boolean>>> parts = new ArrayList<>();
    for (int from = 0; from < ballots.size(); from += chunk) {
      List<Ballot> part = ballots.subList(from, Math.min(ballots.size(), from + chunk));
      parts.add(CompletableFuture.supplyAsync(() -> checkedTogether(part), pool));
    }
    List<Boolean> result = new ArrayList<>(ballots.size());
    parts.forEach(p -> result.addAll(p.join()));
    return result;
  }

  /**
   * One thread's share: a ballot verified before is not verified again, one that breaks a format
   * rule is invalid, and the signatures of the rest are verified as one batch
   * ({@link Ed25519#verifyAll}, whose verdicts are those of one-by-one verification).
   */
  private List<Boolean> checkedTogether(List<Ballot> ballots) {
    Boolean[] valid = new Boolean[ballots.size()];
    byte[][] keys = new byte[ballots.size()][]; // decoded once, for the lookup and for remembering
    List<Ed25519.Signed> unverified = new ArrayList<>(ballots.size()); // null where there is nothing to verify
    for (int i = 0; i < ballots.size(); i++) {
      Ballot ballot = ballots.get(i);
      if (ballot == null || ballot.problem() != null) {
        valid[i] = false;
        unverified.add(null);
        continue;
      }
      keys[i] = key(ballot);
      if (wasVerified(keys[i])) {
        valid[i] = true;
        unverified.add(null);
      } else {
        unverified.add(ballot.signed());
      }
    }
    boolean[] verdicts = Ed25519.verifyAll(unverified);
    for (int i = 0; i < ballots.size(); i++) {
      if (unverified.get(i) != null) {
        valid[i] = verdicts[i];
        if (verdicts[i]) {
          remember(keys[i]);
        }
      }
    }
    return Arrays.asList(valid);
  }

  private boolean wasVerified(byte[] key) {
    synchronized (verified) {
      return verified.contains(key);
    }
  }

  private void remember(byte[] key) {
    synchronized (verified) {
      verified.add(key);
    }
  }

  /** The cache's key of a ballot whose fields are well-formed (so both decode). */
  private static byte[] key(Ballot wellFormed) {
    return ByteBuffer.allocate(KEY_BYTES)
        .put(Bytes.fromHex(wellFormed.requestId()))
        .put(Bytes.fromB64url(wellFormed.signature()))
        .array();
  }

  /** True if every ballot is valid. */
  public boolean allValid(List<Ballot> ballots) {
    return !validity(ballots).contains(Boolean.FALSE);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
