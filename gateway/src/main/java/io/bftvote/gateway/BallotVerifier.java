package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the costly half of a ballot's checks ({@link BallotCheck#contentProblem}: one Ed25519
 * verification, some 80 µs) on a pool of its own, so the HTTP event loop only parses requests and
 * answers them. The pool's queue is bounded: when it is full the stage fails with
 * {@link Overloaded} at once, rather than letting work pile up without end.
 */
final class BallotVerifier implements AutoCloseable {
  /** The pool is full or stopping: the ballot was not checked, and nothing was recorded. */
  static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false); // an answer, not a fault: no stack trace to fill
    }
  }

  private static final Logger log = LoggerFactory.getLogger(BallotVerifier.class);
  /** An overload lasts while a burst does: say so once in a while, not once per refused vote. */
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Function<Ballot, Optional<Rejection>> contentCheck;
  private final VerifyPool size;
  private final ThreadPoolExecutor workers;
  private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  BallotVerifier(VerifyPool size, Function<Ballot, Optional<Rejection>> contentCheck) {
    this.contentCheck = contentCheck;
    this.size = size;
    this.workers = new ThreadPoolExecutor(size.threads(), size.threads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(size.queueLimit()), r -> {
          Thread t = new Thread(r, "gateway-ballot-verifier");
          t.setDaemon(true);
          return t;
        });
  }

  /** Completes with the first rule the ballot breaks (empty if none), or fails with {@link Overloaded}. */
  CompletionStage<Optional<Rejection>> verify(Ballot ballot) {
    CompletableFuture<Optional<Rejection>> verdict = new CompletableFuture<>();
    try {
      workers.execute(() -> {
        try {
          verdict.complete(contentCheck.apply(ballot));
        } catch (RuntimeException e) {
          verdict.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException full) {
      if (workers.isShutdown()) {
        verdict.completeExceptionally(new Overloaded(VoteRoutes.STOPPING));
      } else {
        warnOverloaded();
        verdict.completeExceptionally(new Overloaded("the gateway is overloaded: " + size.queueLimit()
            + " ballots are already waiting for their signature check; nothing was recorded, send the vote again"
            + " in a moment"));
      }
    }
    return verdict;
  }

  private void warnOverloaded() {
    long now = System.nanoTime();
    long last = lastWarned.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
      log.warn("{} ballots wait for {} signature verifier thread(s): new votes are refused with 503 and Retry-After"
          + " until they catch up (gateway_votes_rejected_total{reason=\"overloaded\"} counts them)",
          size.queueLimit(), size.threads());
    }
  }

  /** Ballots waiting for a free verifier (not counting those being checked). */
  int waiting() {
    return workers.getQueue().size();
  }

  /** Takes no new ballots; those already taken are checked (a queue's worth is well under a second). */
  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
