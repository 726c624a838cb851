package io.bftvote.gateway;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition the way a client would: ask again until a deadline, then fail loudly. */
final class Poll {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Duration BETWEEN = Duration.ofMillis(20);

  private Poll() {}

  /** Returns the first value {@code attempt} gives that {@code done} accepts. */
  static <T> T until(String what, Supplier<T> attempt, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = attempt.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + DEADLINE.toSeconds() + " s waiting for " + what + "; last saw " + last);
      }
      LockSupport.parkNanos(BETWEEN.toNanos());
      last = attempt.get();
    }
    return last;
  }
}
