package io.bftvote.replica.core;

/**
 * The timer of PBFT §4.4 with its backoff: it runs while this replica waits for something the
 * primary owes it (a pending request to execute, or a NEW-VIEW), and expires after the current
 * timeout. Each view change that brings no progress doubles the timeout, up to a cap, so views
 * do not rotate faster than messages can travel, and nobody waits an hour after a long outage;
 * executing a request in a working view resets it.
 */
final class ViewTimer {
  private static final long STOPPED = Long.MIN_VALUE;
  private final long base;
  private final long max;
  private long timeout;
  private long startedAt = STOPPED;

  ViewTimer(long base, long max) {
    this.base = base;
    this.max = max;
    this.timeout = base;
  }

  long timeout() {
    return timeout;
  }

  boolean isRunning() {
    return startedAt != STOPPED;
  }

  void startIfStopped(long now) {
    if (startedAt == STOPPED) {
      startedAt = now;
    }
  }

  void restart(long now) {
    startedAt = now;
  }

  void stop() {
    startedAt = STOPPED;
  }

  boolean expired(long now) {
    return startedAt != STOPPED && now - startedAt >= timeout;
  }

  /** How long it has run (0 when stopped). */
  long elapsed(long now) {
    return startedAt == STOPPED ? 0 : now - startedAt;
  }

  void backOff() {
    timeout = Math.min(max, timeout * 2);
  }

  void reset() {
    timeout = base;
  }
}
