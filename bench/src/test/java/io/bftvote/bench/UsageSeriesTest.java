package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageSeriesTest {
  private static final long SECOND = 1_000_000_000L;
  private static final ProcessProbe PROBE = new ProcessProbe(100);

  /** Reading i at i seconds: 50 ticks a second (50 % of a core), RSS i MiB. */
  private static ProcessProbe.Sample reading(int i) {
    return new ProcessProbe.Sample(50L * i, 1024L * i, i * SECOND);
  }

  @Test
  void readingsBecomeTimesIntoTheWindowWithCpuSinceThePreviousOne() {
    UsageSeries series = new UsageSeries(10);
    for (int i = 0; i <= 3; i++) {
      series.add(reading(i));
    }
    List<UsageSample> samples = series.samples(0, PROBE);
    assertEquals(4, samples.size());
    assertNull(samples.get(0).cpuPercent(), "the first reading has nothing to compare with");
    assertEquals(new UsageSample(3.0, 50.0, 3.0), samples.get(3));
  }

  @Test
  void aLongRunStaysWithinCapacityKeepsItsFirstAndLastReadingAndExactCpu() {
    UsageSeries series = new UsageSeries(8);
    for (int i = 0; i < 1_000; i++) {
      series.add(reading(i));
      assertTrue(series.size() <= 8, "bounded at every step");
    }
    series.addLast(reading(1_000));
    List<UsageSample> samples = series.samples(0, PROBE);
    assertTrue(samples.size() <= 8);
    assertEquals(0.0, samples.get(0).atSeconds());
    assertEquals(1_000.0, samples.get(samples.size() - 1).atSeconds());
    for (UsageSample s : samples.subList(1, samples.size())) {
      assertEquals(50.0, s.cpuPercent(), 1e-9, "CPU over the merged interval, not over one reading's");
    }
  }
}
