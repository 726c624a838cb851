package io.bftvote.bench;

/**
 * When each ballot of an open-loop run is meant to leave: ballot i at {@code start + i / rate},
 * whatever happened to the ones before it. A closed-loop client waits for an answer before it
 * sends again, so a slow system slows the client down and the wait never shows up in its
 * latencies (coordinated omission). Here the schedule never waits, and every latency is measured
 * from the intended send time, so a stall is charged to every ballot it delayed.
 *
 * <p>Times are computed from the index, never by adding intervals, so a rate whose interval is
 * not a whole number of nanoseconds does not drift.
 */
final class ArrivalSchedule {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double ratePerSecond;
  private final long startNanos;
  private final long count;

  /**
   * @param ratePerSecond arrivals per second, more than 0
   * @param startNanos the {@link System#nanoTime()} of ballot 0
   * @param count how many ballots the run sends
   */
  ArrivalSchedule(double ratePerSecond, long startNanos, long count) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("the rate must be a positive number of ballots per second, got "
          + ratePerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("the ballot count must not be negative, got " + count);
    }
    this.ratePerSecond = ratePerSecond;
    this.startNanos = startNanos;
    this.count = count;
  }

  /** How many ballots a run at {@code ratePerSecond} sends in {@code seconds}, rounded up. */
  static long countFor(double ratePerSecond, double seconds) {
    return (long) Math.ceil(ratePerSecond * seconds);
  }

  long count() {
    return count;
  }

  double ratePerSecond() {
    return ratePerSecond;
  }

  long startNanos() {
    return startNanos;
  }

  /** The intended send time of ballot {@code index}. */
  long intendedNanos(long index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("ballot " + index + " is not in a run of " + count);
    }
    return startNanos + Math.round(index * NANOS_PER_SECOND / ratePerSecond);
  }

  /** When the run's last arrival slot ends: the start plus count / rate. */
  long endNanos() {
    return startNanos + Math.round(count * NANOS_PER_SECOND / ratePerSecond);
  }

  /** How many ballots are due by {@code nowNanos} (all of them once the schedule is over). */
  long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    long due = Math.min(count, (long) Math.floor((nowNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND) + 1);
    // The estimate in doubles can be one off where a send time rounds onto nowNanos: settle it exactly.
    while (due > 0 && intendedNanos(due - 1) > nowNanos) {
      due--;
    }
    while (due < count && intendedNanos(due) <= nowNanos) {
      due++;
    }
    return due;
  }
}
