package io.bftvote.bench;

import java.util.List;

/**
 * What one process used over a run's measured window. {@code cpuPercent} is of one core: 200 is
 * both cores of a 2-core machine. NaN where the process could not be read (no /proc, or it exited).
 * {@code busiestThreads}: where that CPU went, by thread group, busiest first.
 *
 * @param memory how its resident set moved over the window; null without readings (and in older result files)
 * @param series its readings over the window, every few seconds (bounded: see {@link UsageSeries})
 */
record ProcessUsage(String name, long pid, double cpuPercent, double rssMib, double maxRssMib,
                    List<ThreadUsage> busiestThreads, MemoryTrend memory, List<UsageSample> series) {
  ProcessUsage {
    busiestThreads = busiestThreads == null ? List.of() : List.copyOf(busiestThreads);
    series = series == null ? List.of() : List.copyOf(series);
  }
}
