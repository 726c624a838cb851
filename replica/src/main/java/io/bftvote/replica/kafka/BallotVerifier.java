package io.bftvote.replica.kafka;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks ballot signatures at the edge, in parallel, each ballot once: the same ballot arrives as
 * a request and again inside a pre-prepare and a block, and an Ed25519 verification is the most
 * expensive thing a replica does. Verified ballots are remembered by request id <em>and</em>
 * signature (the request id does not cover the signature), in a bounded first-in-first-out set.
 */
public final class BallotVerifier implements AutoCloseable {
  static final int CACHE_LIMIT = 200_000;
  /**
   * Below this a share is not worth a thread of its own: batch verification halves the cost of a
   * signature from a few dozen up, so two half-full batches would cost more than one full one.
   */
  private static final int SMALLEST_CHUNK = 64;

  /** A ballot's identity for the cache: what it says (its request id) and the signature on it. */
  private record Checked(String requestId, String signature) {
    static Checked of(Ballot ballot) {
      return new Checked(ballot.requestId(), ballot.signature());
    }
  }

  private final Map<Checked, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Checked, Boolean> eldest) {
      return size() > CACHE_LIMIT;
    }
  });
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
    List<Ed25519.Signed> unverified = new ArrayList<>(ballots.size()); // null where there is nothing to verify
    for (int i = 0; i < ballots.size(); i++) {
      Ballot ballot = ballots.get(i);
      if (ballot == null || ballot.problem() != null) {
        valid[i] = false;
        unverified.add(null);
      } else if (verified.containsKey(Checked.of(ballot))) {
        valid[i] = true;
        unverified.add(null);
      } else {
        unverified.add(new Ed25519.Signed(ballot.voter(), ballot.signedBytes(), ballot.signature()));
      }
    }
    boolean[] verdicts = Ed25519.verifyAll(unverified);
    for (int i = 0; i < ballots.size(); i++) {
      if (unverified.get(i) != null) {
        valid[i] = verdicts[i];
        if (verdicts[i]) {
          verified.put(Checked.of(ballots.get(i)), Boolean.TRUE);
        }
      }
    }
    return Arrays.asList(valid);
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
