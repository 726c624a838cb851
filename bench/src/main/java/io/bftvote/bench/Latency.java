package io.bftvote.bench;

import org.HdrHistogram.Histogram;

/** Latency from intended send to final outcome, in milliseconds, over {@code count} ballots. */
record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {
  static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** From a histogram of microseconds. */
  static Latency of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return NONE;
    }
    return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
