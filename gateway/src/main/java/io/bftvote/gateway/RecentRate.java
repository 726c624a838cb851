package io.bftvote.gateway;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Events per second over the last {@value #WINDOW_SECONDS} whole seconds, counted in one bucket per
 * second: a fixed amount of memory, and old events fall out as the window slides on. The second
 * under way is left out, since it is not whole yet and would make every rate look lower.
 *
 * <p>Thread-safe: the replies consumer records while HTTP handlers read.
 */
final class RecentRate {
  static final int WINDOW_SECONDS = 10;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier nanoClock;
  /** One bucket more than the window: the second under way fills while the window's oldest still counts. */
  private final long[] counts = new long[WINDOW_SECONDS + 1];
  /** Which second each bucket counts; a bucket from an older second is stale. */
  private final long[] secondOf = new long[WINDOW_SECONDS + 1];

  RecentRate(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    Arrays.fill(secondOf, Long.MIN_VALUE);
  }

  synchronized void record() {
    long second = Math.floorDiv(nanoClock.getAsLong(), NANOS_PER_SECOND);
    int bucket = (int) Math.floorMod(second, (long) counts.length);
    if (secondOf[bucket] != second) {
      secondOf[bucket] = second;
      counts[bucket] = 0;
    }
    counts[bucket]++;
  }

  synchronized double perSecond() {
    long now = Math.floorDiv(nanoClock.getAsLong(), NANOS_PER_SECOND);
    long total = 0;
    for (int bucket = 0; bucket < counts.length; bucket++) {
      long second = secondOf[bucket];
      if (second < now && second >= now - WINDOW_SECONDS) {
        total += counts[bucket];
      }
    }
    return total / (double) WINDOW_SECONDS;
  }
}
