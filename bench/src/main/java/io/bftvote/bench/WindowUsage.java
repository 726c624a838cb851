package io.bftvote.bench;

import java.util.List;

/**
 * What the machine spent over a run's measured window: each watched process, the whole machine
 * (all processes, in percent of one core: 200 is both cores of a 2-core machine), and the mean
 * 1-minute load average. What the machine spent beyond the watched processes is other people's
 * work competing with the measurement. NaN where /proc could not be read.
 */
record WindowUsage(List<ProcessUsage> processes, double machineCpuPercent, double loadAverage) {
  static final WindowUsage NONE = new WindowUsage(List.of(), Double.NaN, Double.NaN);

  WindowUsage {
    processes = List.copyOf(processes);
  }

  /** CPU used by everything not watched: other processes competing for the same cores. */
  double otherCpuPercent() {
    double watched = processes.stream().mapToDouble(ProcessUsage::cpuPercent).filter(c -> !Double.isNaN(c)).sum();
    return Math.max(0, machineCpuPercent - watched);
  }
}
