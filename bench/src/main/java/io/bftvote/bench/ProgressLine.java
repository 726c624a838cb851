package io.bftvote.bench;

import java.util.Locale;

/**
 * The line a run prints every few seconds: how far it is, what the system took, how fast outcomes
 * become final and their recent p99, and what is still awaited. Rates are over the interval since
 * the previous line. Called from one thread (the run's timer).
 */
final class ProgressLine {
  private static final String LINE = "  %4.0fs %-9s offered %,.0f/s  taken %,d  final %,d (%,.0f/s, p99 %s)"
      + "  refused %,d  awaiting %,d  load %.2f";

  private final double rate;
  private final long startNanos;
  private final long windowFrom;
  private final long windowTo;
  private final String window;
  private long lastNanos;
  private long lastFinal;

  /** @param window what the window between windowFrom and windowTo is called: "measuring", or "priming" */
  ProgressLine(double rate, long startNanos, long windowFrom, long windowTo, String window) {
    this.rate = rate;
    this.window = window;
    this.startNanos = startNanos;
    this.windowFrom = windowFrom;
    this.windowTo = windowTo;
    this.lastNanos = startNanos;
  }

  String format(long nowNanos, long taken, long finals, Latency recent, long refused, long awaiting, double load) {
    double interval = Math.max(1e-9, (nowNanos - lastNanos) / 1e9);
    double finalRate = (finals - lastFinal) / interval;
    lastNanos = nowNanos;
    lastFinal = finals;
    return String.format(Locale.ROOT, LINE, (nowNanos - startNanos) / 1e9, phase(nowNanos), rate, taken, finals,
        finalRate, ReportTable.millis(recent.p99()), refused, awaiting, load);
  }

  private String phase(long nowNanos) {
    if (nowNanos < windowFrom) {
      return "warm-up";
    }
    return nowNanos < windowTo ? window : "draining";
  }
}
