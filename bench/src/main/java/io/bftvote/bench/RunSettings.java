package io.bftvote.bench;

import java.time.Duration;

/**
 * How each run of a benchmark goes: a warm-up whose ballots are excluded from every figure (the
 * JIT compiles, batches fill, connections open), the measured window, how long to wait after it
 * for outcomes still on their way before counting them as unfinished, and then how long to let
 * an overloaded system work off its backlog before the next run starts (unmeasured), so one
 * run's overload does not weigh on the next. A priming run only warms the system up; its figures
 * are thrown away.
 */
record RunSettings(Duration warmup, Duration measured, Duration drain, Duration settle, Duration progressEvery,
                   Objectives objectives, boolean priming) {
  RunSettings {
    if (warmup.isNegative() || drain.isNegative() || settle.isNegative()) {
      throw new IllegalArgumentException("--warmup, --drain and --settle must not be negative");
    }
    if (measured.isZero() || measured.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive, got " + Durations.format(measured));
    }
    if (progressEvery.isZero() || progressEvery.isNegative()) {
      throw new IllegalArgumentException("the progress interval must be positive");
    }
  }

  /** The same, as an unmeasured run of {@code length} that only warms the system up. */
  RunSettings primingRun(Duration length) {
    return new RunSettings(Duration.ZERO, length, drain, settle, progressEvery, objectives, true);
  }

  double totalSeconds() {
    return (warmup.toNanos() + measured.toNanos()) / 1e9;
  }
}
