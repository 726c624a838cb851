package io.bftvote.bench;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * Whether a process's resident set stayed flat over the measured window (issue 7: "each replica's
 * RSS flat, within 10 %, across a 10-minute run"): the mean RSS of the window's last minute
 * against that of its first minute. Means over a minute, not single readings, so one garbage
 * collection at the wrong moment does not decide the verdict. A window shorter than two minutes
 * is too short to judge: its first and last minutes would overlap.
 *
 * @param firstMinuteMib mean RSS over the window's first minute; null without a reading there
 * @param lastMinuteMib mean RSS over its last minute; null without a reading there (the process was gone)
 * @param growthPercent last minute against first, in percent; null when there is no verdict
 * @param verdict "flat", "grew", "shrank", "too short to judge" or "gone before the end"
 */
record MemoryTrend(double startMib, double endMib, double minMib, double maxMib, Double firstMinuteMib,
                   Double lastMinuteMib, Double growthPercent, String verdict) {
  /** Issue 7's tolerance: RSS within ±10 %. */
  static final double TOLERANCE_PERCENT = 10;
  static final double MINUTE = 60;
  static final String FLAT = "flat";
  static final String GREW = "grew";
  static final String SHRANK = "shrank";
  static final String TOO_SHORT = "too short to judge";
  static final String GONE = "gone before the end";

  /** The trend of a series over a window of {@code windowSeconds}; null when there is no reading at all. */
  static MemoryTrend of(List<UsageSample> series, double windowSeconds) {
    if (series.isEmpty()) {
      return null;
    }
    double min = series.stream().mapToDouble(UsageSample::rssMib).min().orElseThrow();
    double max = series.stream().mapToDouble(UsageSample::rssMib).max().orElseThrow();
    Double first = meanRss(series, at -> at <= MINUTE);
    Double last = meanRss(series, at -> at >= windowSeconds - MINUTE);
    double start = series.get(0).rssMib();
    double end = series.get(series.size() - 1).rssMib();
    if (windowSeconds < 2 * MINUTE || first == null || first <= 0) {
      return new MemoryTrend(start, end, min, max, first, last, null, TOO_SHORT);
    }
    if (last == null) {
      return new MemoryTrend(start, end, min, max, first, null, null, GONE);
    }
    double growth = 100 * (last - first) / first;
    return new MemoryTrend(start, end, min, max, first, last, growth, verdict(growth));
  }

  static String verdict(double growthPercent) {
    if (growthPercent > TOLERANCE_PERCENT) {
      return GREW;
    }
    return growthPercent < -TOLERANCE_PERCENT ? SHRANK : FLAT;
  }

  /** The mean RSS of the readings taken when {@code atSeconds} holds; null when there is none. */
  private static Double meanRss(List<UsageSample> series, DoublePredicate atSeconds) {
    OptionalDouble mean = series.stream().filter(s -> atSeconds.test(s.atSeconds())).mapToDouble(UsageSample::rssMib)
        .average();
    return mean.isPresent() ? mean.getAsDouble() : null;
  }
}
