package io.bftvote.gateway;

/**
 * The threads that check ballots' signatures off the HTTP event loop, and how many ballots may
 * wait for one. Past {@code queueLimit} waiting, a vote is answered {@code 503} with
 * {@code Retry-After}: a full queue already holds {@code queueLimit × 80 µs / threads} of work, and
 * queueing more would only make every voter wait longer.
 */
public record VerifyPool(int threads, int queueLimit) {
  /** One thread per core: the work is pure CPU. 2,048 waiting is about 80 ms of work on two cores. */
  public static final VerifyPool DEFAULT = new VerifyPool(Runtime.getRuntime().availableProcessors(), 2_048);

  public VerifyPool {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (queueLimit < 1) {
      throw new IllegalArgumentException("queueLimit must be at least 1, got " + queueLimit);
    }
  }
}
