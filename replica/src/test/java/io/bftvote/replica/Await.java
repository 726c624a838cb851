package io.bftvote.replica;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; tests never sleep a fixed time. */
final class Await {
  private static final long POLL_INTERVAL_NANOS = 20_000_000;

  private Await() {}

  static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + whatWeWaitedFor.get());
      }
      LockSupport.parkNanos(POLL_INTERVAL_NANOS);
    }
  }
}
