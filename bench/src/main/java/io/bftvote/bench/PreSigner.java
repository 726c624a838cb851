package io.bftvote.bench;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs every ballot of a run before it starts, each from a fresh voter key, so the load
 * generator spends no CPU on cryptography while it measures, and every ballot is a voter's first
 * (its outcome is "accepted", never "already-voted"). Uses every core, and says how far it got
 * every couple of seconds: a run of a few hundred thousand ballots takes a while.
 */
final class PreSigner {
  static final long PROGRESS_EVERY_MILLIS = 2_000;

  private final String election;
  private final List<String> candidates;
  private final int threads;
  private final PrintWriter progress;

  PreSigner(String election, List<String> candidates, int threads, PrintWriter progress) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("ballots need at least one candidate");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("signing needs at least one thread, got " + threads);
    }
    this.election = election;
    this.candidates = List.copyOf(candidates);
    this.threads = threads;
    this.progress = progress;
  }

  /** {@code count} ballots, from {@code count} new voters, candidates taken in turn. */
  List<SignedBallot> sign(int count) throws InterruptedException {
    SignedBallot[] ballots = new SignedBallot[count];
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-presign");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> parts = new ArrayList<>();
      int chunk = (count + threads - 1) / Math.max(1, threads);
      for (int from = 0; from < count; from += chunk) {
        int start = from;
        int end = Math.min(count, from + chunk);
        parts.add(pool.submit(() -> signRange(ballots, start, end, done)));
      }
      awaitWithProgress(parts, done, count);
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(ballots);
  }

  private void signRange(SignedBallot[] into, int from, int to, AtomicLong done) {
    for (int i = from; i < to; i++) {
      Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), election, candidates.get(i % candidates.size()), "b" + i);
      into[i] = SignedBallot.of(ballot);
      done.incrementAndGet();
    }
  }

  private void awaitWithProgress(List<Future<?>> parts, AtomicLong done, int count) throws InterruptedException {
    long started = System.nanoTime();
    progress.printf("pre-signing %,d ballots from fresh voter keys on %d threads…%n", count, threads);
    progress.flush();
    for (Future<?> part : parts) {
      while (true) {
        try {
          part.get(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException stillSigning) {
          report(done.get(), count, started);
        } catch (ExecutionException e) {
          throw new IllegalStateException("pre-signing failed: " + e.getCause(), e.getCause());
        }
      }
    }
    report(count, count, started);
  }

  private void report(long done, int count, long startedNanos) {
    double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
    progress.printf("  signed %,d of %,d (%.0f%%), %,.0f ballots/s%n", done, count, 100.0 * done / Math.max(1, count),
        done / seconds);
    progress.flush();
  }
}
