package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the costly half of a ballot's checks ({@link BallotCheck#contentProblems}: an Ed25519
 * verification each) on threads of its own, so the HTTP event loop only parses requests and
 * answers them. A thread takes the ballots that arrive within a few milliseconds, up to
 * {@value #MOST_AT_ONCE}, and checks them together: the signatures of a batch are verified at
 * about half the cost of one by one, so the busier the gateway, the cheaper each vote.
 *
 * <p>The queue is bounded: when it is full the stage fails with {@link Overloaded} at once, rather
 * than letting work pile up without end.
 */
final class BallotVerifier implements AutoCloseable {
  /** The pool is full or stopping: the ballot was not checked, and nothing was recorded. */
  static final class Overloaded extends RuntimeException {
    Overloaded(String message) {
      super(message, null, false, false); // an answer, not a fault: no stack trace to fill
    }
  }

  /** Enough for batch verification to pay off fully, few enough that a batch takes ~3 ms. */
  static final int MOST_AT_ONCE = 64;
  /**
   * A batch this large costs about half of verifying one by one, and larger ones little less
   * (BENCHMARKS.md): past it, a ballot does not wait for more company.
   */
  static final int WORTH_BATCHING = 32;
  /**
   * How long a ballot may wait for others to be checked with: a few milliseconds against a
   * post-to-final latency of a hundred or more, and the primary's batch delay behind it. At
   * 3,000 votes/s it gathers some 24; at 4 ms batches were half that (BENCHMARKS.md's batch
   * table: 42 µs a signature in batches of 16, 39 from 64 up).
   */
  static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
  private static final Logger log = LoggerFactory.getLogger(BallotVerifier.class);
  /** An overload lasts while a burst does: say so once in a while, not once per refused vote. */
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Pending(Ballot ballot, CompletableFuture<Optional<Rejection>> verdict) {}

  private final Function<List<Ballot>, List<Optional<Rejection>>> contentCheck;
  private final VerifyPool size;
  private final BlockingQueue<Pending> waiting;
  private final List<Thread> workers = new ArrayList<>();
  private final ReentrantLock gathering = new ReentrantLock();
  private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private volatile boolean closed;

  /** {@code contentCheck} answers for each ballot of a list, in order, the first rule it breaks. */
  BallotVerifier(VerifyPool size, Function<List<Ballot>, List<Optional<Rejection>>> contentCheck) {
    this.contentCheck = contentCheck;
    this.size = size;
    this.waiting = new ArrayBlockingQueue<>(size.queueLimit());
    for (int i = 1; i <= size.threads(); i++) {
      Thread worker = new Thread(this::work, "gateway-ballot-verifier-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  /** Completes with the first rule the ballot breaks (empty if none), or fails with {@link Overloaded}. */
  CompletionStage<Optional<Rejection>> verify(Ballot ballot) {
    CompletableFuture<Optional<Rejection>> verdict = new CompletableFuture<>();
    if (closed) {
      verdict.completeExceptionally(new Overloaded(VoteRoutes.STOPPING));
    } else if (!waiting.offer(new Pending(ballot, verdict))) {
      warnOverloaded();
      verdict.completeExceptionally(new Overloaded("the gateway is overloaded: " + size.queueLimit()
          + " ballots are already waiting for their signature check; nothing was recorded, send the vote again"
          + " in a moment"));
    }
    return verdict;
  }

  private void work() {
    List<Pending> batch = new ArrayList<>(MOST_AT_ONCE);
    try {
      while (!closed || !waiting.isEmpty()) {
        gather(batch);
        if (!batch.isEmpty()) {
          check(batch);
          batch.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      refuseAll(batch); // interrupted mid-batch: none of these will be answered otherwise
    }
  }

  /**
   * Takes the next ballots to check: one, then whatever else arrives within {@link #GATHER_NANOS},
   * up to {@link #WORTH_BATCHING} (more only if they are already waiting). One thread gathers at a
   * time, so the threads do not split the arrivals between them into batches too small to pay.
   */
  private void gather(List<Pending> batch) throws InterruptedException {
    gathering.lockInterruptibly();
    try {
      Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
      if (first == null) {
        return;
      }
      batch.add(first);
      long deadline = System.nanoTime() + GATHER_NANOS;
      while (true) {
        waiting.drainTo(batch, MOST_AT_ONCE - batch.size());
        long left = deadline - System.nanoTime();
        if (batch.size() >= WORTH_BATCHING || left <= 0 || closed) {
          return;
        }
        Pending next = waiting.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          return;
        }
        batch.add(next);
      }
    } finally {
      gathering.unlock();
    }
  }

  private void check(List<Pending> batch) {
    try {
      List<Optional<Rejection>> verdicts = contentCheck.apply(batch.stream().map(Pending::ballot).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).verdict().complete(verdicts.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(p -> p.verdict().completeExceptionally(e));
    }
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
    return waiting.size();
  }

  /**
   * Takes no new ballots; those already taken are checked (a queue's worth is well under a second),
   * and any still waiting after a second are refused as stopping, so no caller waits forever.
   */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    try {
      for (Thread worker : workers) {
        TimeUnit.NANOSECONDS.timedJoin(worker, Math.max(1, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.forEach(Thread::interrupt);
    List<Pending> left = new ArrayList<>();
    waiting.drainTo(left);
    refuseAll(left);
  }

  private static void refuseAll(List<Pending> pending) {
    pending.forEach(p -> p.verdict().completeExceptionally(new Overloaded(VoteRoutes.STOPPING)));
  }
}
