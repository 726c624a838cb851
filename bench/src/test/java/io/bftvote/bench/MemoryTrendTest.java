package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {
  /** Readings every 5 s over a window of {@code seconds}, RSS given by time. */
  private static List<UsageSample> every5s(double seconds, DoubleUnaryOperator rssAt) {
    List<UsageSample> series = new ArrayList<>();
    for (double at = 0; at <= seconds; at += 5) {
      series.add(new UsageSample(at, at == 0 ? null : 50.0, rssAt.applyAsDouble(at)));
    }
    return series;
  }

  @Test
  void rssThatGrowsLessThanTenPercentFromTheFirstMinuteToTheLastIsFlat() {
    MemoryTrend trend = MemoryTrend.of(every5s(600, at -> 400 + at / 20), 600); // 400 → 430 MiB
    assertEquals(MemoryTrend.FLAT, trend.verdict());
    assertEquals(401.5, trend.firstMinuteMib(), 1e-9, "mean of 400 .. 403");
    assertEquals(428.5, trend.lastMinuteMib(), 1e-9, "mean of 427 .. 430");
    assertEquals(100 * (428.5 - 401.5) / 401.5, trend.growthPercent(), 1e-9);
    assertEquals(400, trend.startMib(), 1e-9);
    assertEquals(430, trend.endMib(), 1e-9);
    assertEquals(400, trend.minMib(), 1e-9);
    assertEquals(430, trend.maxMib(), 1e-9);
  }

  @Test
  void rssThatKeepsGrowingIsCaughtAsGrowth() {
    MemoryTrend trend = MemoryTrend.of(every5s(600, at -> 400 + at / 2), 600); // 400 → 700 MiB
    assertEquals(MemoryTrend.GREW, trend.verdict());
  }

  @Test
  void rssThatFallsByMoreThanTenPercentIsReportedToo() {
    assertEquals(MemoryTrend.SHRANK, MemoryTrend.of(every5s(600, at -> at < 300 ? 800 : 500), 600).verdict());
  }

  @Test
  void oneGarbageCollectionPeakDoesNotDecideTheVerdict() {
    // the last reading catches a heap at its peak: start → end alone would say +12 %
    MemoryTrend trend = MemoryTrend.of(every5s(600, at -> at == 600 ? 560 : 500), 600);
    assertEquals(MemoryTrend.FLAT, trend.verdict());
    assertEquals(100 * (60.0 / 13) / 500, trend.growthPercent(), 1e-9, "13 readings in the last minute");
    assertEquals(560, trend.endMib(), 1e-9);
  }

  @Test
  void aWindowShorterThanTwoMinutesIsTooShortToJudge() {
    MemoryTrend trend = MemoryTrend.of(every5s(60, at -> 400 + at), 60);
    assertEquals(MemoryTrend.TOO_SHORT, trend.verdict());
    assertNull(trend.growthPercent());
    assertEquals(460, trend.endMib(), 1e-9);
  }

  @Test
  void aProcessGoneBeforeTheLastMinuteHasNoVerdict() {
    List<UsageSample> untilKilled = every5s(200, at -> 400); // a replica killed 200 s into a 600 s window
    MemoryTrend trend = MemoryTrend.of(untilKilled, 600);
    assertEquals(MemoryTrend.GONE, trend.verdict());
    assertNull(trend.lastMinuteMib());
  }

  @Test
  void noReadingsNoTrend() {
    assertNull(MemoryTrend.of(List.of(), 600));
  }

  @Test
  void theToleranceIsTenPercentEitherWay() {
    assertEquals(MemoryTrend.FLAT, MemoryTrend.verdict(10.0));
    assertEquals(MemoryTrend.FLAT, MemoryTrend.verdict(-10.0));
    assertEquals(MemoryTrend.GREW, MemoryTrend.verdict(10.01));
    assertEquals(MemoryTrend.SHRANK, MemoryTrend.verdict(-10.01));
  }
}
