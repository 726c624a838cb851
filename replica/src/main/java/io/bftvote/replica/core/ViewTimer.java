package io.bftvote.replica.core;

/**
 * The timer of PBFT §4.4 with its backoff: it runs while this replica waits for something the
 * primary owes it (a pending request to execute, or a NEW-VIEW), and expires after the current
 * timeout. The timeout doubles with every view since the last one that made sustained progress
 * ({@link #backOff}), up to a cap: views then do not rotate faster than the work of installing one
 * can be done, and nobody waits an hour after a long outage.
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

  /** The timeout {@code views} views after the last that made sustained progress: base doubled that often, capped. */
  void backOff(long views) {
    int doublings = (int) Math.min(Math.max(views, 0), Long.numberOfLeadingZeros(base) - 1);
    timeout = Math.min(max, base << doublings);
  }
}
