package io.bftvote.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one run counts, fed by the scheduler, the sender's callbacks and the reply reader, read by
 * the progress timer and the report; thread-safe.
 *
 * <p>The figures of the report cover only ballots whose intended send time falls in the measured
 * window (the warm-up is excluded), except throughput, which counts outcomes that became final
 * inside the window. The {@code total*} counters include the warm-up and feed the progress lines.
 */
final class RunStats {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
  private static final int DIGITS = 3;

  private final long windowFrom;
  private final long windowTo;
  private final LongAdder offered = new LongAdder();
  private final LongAdder taken = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder finalInWindow = new LongAdder();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
  private final LongAdder totalTaken = new LongAdder();
  private final LongAdder totalFinal = new LongAdder();
  private final LongAdder totalRefused = new LongAdder();
  private final Histogram measured = new Histogram(MAX_MICROS, DIGITS);
  private final Recorder recent = new Recorder(MAX_MICROS, DIGITS);
  private volatile boolean frozen;

  /** @param windowFrom start of the measured window; @param windowTo its end ({@link System#nanoTime()}) */
  RunStats(long windowFrom, long windowTo) {
    this.windowFrom = windowFrom;
    this.windowTo = windowTo;
  }

  double windowSeconds() {
    return (windowTo - windowFrom) / 1e9;
  }

  boolean inWindow(long nanos) {
    return nanos >= windowFrom && nanos < windowTo;
  }

  /** A ballot's send time came. */
  void offered(long intendedNanos) {
    if (inWindow(intendedNanos)) {
      offered.increment();
    }
  }

  /** The system took the ballot (HTTP 202, or the broker acknowledged it). */
  void taken(long intendedNanos) {
    totalTaken.increment();
    if (inWindow(intendedNanos)) {
      taken.increment();
    }
  }

  /** The system refused the ballot or it could not be sent; {@code why} is a short label like "http-429". */
  void refused(long intendedNanos, String why) {
    totalRefused.increment();
    if (inWindow(intendedNanos)) {
      refused.computeIfAbsent(why, w -> new LongAdder()).increment();
    }
  }

  /** f+1 replicas agreed on the ballot's outcome at {@code nowNanos}. */
  void finalized(ReplyAggregator.Final outcome, long nowNanos) {
    long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nowNanos - outcome.intendedNanos()));
    totalFinal.increment();
    recent.recordValue(Math.min(micros, MAX_MICROS));
    if (frozen) {
      return; // the report is taken: later outcomes only show in the progress lines
    }
    if (inWindow(nowNanos)) {
      finalInWindow.increment();
    }
    if (inWindow(outcome.intendedNanos())) {
      (outcome.accepted() ? accepted : rejected).increment();
      record(micros);
    }
  }

  /**
   * Ballots still without a final outcome when the run gave up on them: their latency is at
   * least their age, and it goes into the histogram as such, so they cannot flatter the tail.
   * Returns how many of them were in the measured window. The figures are final from here on:
   * outcomes that arrive later no longer change them.
   */
  long unfinished(List<Long> intendedNanos, long nowNanos) {
    frozen = true;
    long count = 0;
    for (long intended : intendedNanos) {
      if (inWindow(intended)) {
        count++;
        record(TimeUnit.NANOSECONDS.toMicros(nowNanos - intended));
      }
    }
    return count;
  }

  private synchronized void record(long micros) {
    measured.recordValue(Math.min(Math.max(0, micros), MAX_MICROS));
  }

  synchronized Latency latency() {
    return Latency.of(measured);
  }

  /** Latencies of outcomes that became final since the previous call, warm-up included (progress lines). */
  Latency sinceLastCall() {
    return Latency.of(recent.getIntervalHistogram());
  }

  long offered() {
    return offered.sum();
  }

  long taken() {
    return taken.sum();
  }

  long accepted() {
    return accepted.sum();
  }

  long rejected() {
    return rejected.sum();
  }

  long finalInWindow() {
    return finalInWindow.sum();
  }

  /** Refusals in the window by reason, sorted by reason. */
  Map<String, Long> refusedByReason() {
    Map<String, Long> sorted = new TreeMap<>();
    refused.forEach((why, n) -> sorted.put(why, n.sum()));
    return sorted;
  }

  long totalTaken() {
    return totalTaken.sum();
  }

  long totalFinal() {
    return totalFinal.sum();
  }

  long totalRefused() {
    return totalRefused.sum();
  }
}
