package io.bftvote.bench;

import java.util.List;

/**
 * What one process used over a run's measured window. {@code cpuPercent} is of one core: 200 is
 * both cores of a 2-core machine. NaN where the process could not be read (no /proc, or it exited).
 * {@code busiestThreads}: where that CPU went, by thread group, busiest first.
 */
record ProcessUsage(String name, long pid, double cpuPercent, double rssMib, double maxRssMib,
                    List<ThreadUsage> busiestThreads) {
  ProcessUsage {
    busiestThreads = busiestThreads == null ? List.of() : List.copyOf(busiestThreads);
  }
}
