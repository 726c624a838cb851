package io.bftvote.bench;

import java.time.Duration;

/**
 * How each run of a benchmark goes: a warm-up whose ballots are excluded from every figure (the
 * JIT compiles, batches fill, connections open), the measured window, and how long to wait after
 * it for outcomes still on their way before counting them as unfinished. (Between runs, {@link
 * IdleWait} lets the system work off what is left.) A priming run only warms the system up; its
 * figures are thrown away.
 */
record RunSettings(Duration warmup, Duration measured, Duration drain, Duration progressEvery,
                   Objectives objectives, boolean priming) {
  RunSettings {
    if (warmup.isNegative() || drain.isNegative()) {
      throw new IllegalArgumentException("--warmup and --drain must not be negative");
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
    return new RunSettings(Duration.ZERO, length, drain, progressEvery, objectives, true);
  }

  double totalSeconds() {
    return (warmup.toNanos() + measured.toNanos()) / 1e9;
  }
}
