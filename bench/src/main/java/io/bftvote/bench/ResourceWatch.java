package io.bftvote.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory of the watched processes, and the machine's CPU and load, over a run's measured
 * window: a baseline at {@link #begin}, a reading at every {@link #sample} (for the peak resident
 * set, each process's time series and the mean load), and the totals at {@link #end}.
 */
final class ResourceWatch {
  /** A process to report on: what it is, and its pid. */
  record Watched(String name, long pid) {}

  /** Thread groups listed per process: enough to see where the CPU goes, few enough to read. */
  static final int BUSIEST_THREAD_GROUPS = 10;
  /** Readings kept per process: a 10-minute window read every 5 s needs 121; hours still fit, thinned. */
  static final int SERIES_CAPACITY = 1_000;

  private final ProcessProbe probe;
  private final List<Watched> processes;
  private final Map<Long, ProcessProbe.Sample> baseline = new HashMap<>();
  private final Map<Long, Long> maxRssKib = new HashMap<>();
  private final Map<Long, Map<String, Long>> threadBaseline = new HashMap<>();
  private final Map<Long, UsageSeries> series = new HashMap<>();
  private double loadSum;
  private int loadSamples;
  private Long machineBusyFrom;
  private long machineFromNanos;

  ResourceWatch(ProcessProbe probe, List<Watched> processes) {
    this.probe = probe;
    this.processes = List.copyOf(processes);
  }

  synchronized void begin() {
    baseline.clear();
    maxRssKib.clear();
    threadBaseline.clear();
    series.clear();
    loadSum = 0;
    loadSamples = 0;
    machineBusyFrom = ProcessProbe.machineBusyTicks().orElse(null);
    machineFromNanos = System.nanoTime();
    for (Watched p : processes) {
      UsageSeries readings = new UsageSeries(SERIES_CAPACITY);
      series.put(p.pid(), readings);
      probe.sample(p.pid()).ifPresent(s -> {
        baseline.put(p.pid(), s);
        maxRssKib.put(p.pid(), s.rssKib());
        readings.add(s);
      });
      threadBaseline.put(p.pid(), ThreadProbe.ticksByGroup(p.pid()));
    }
    sampleLoad();
  }

  synchronized void sample() {
    for (Watched p : processes) {
      probe.sample(p.pid()).ifPresent(s -> {
        maxRssKib.merge(p.pid(), s.rssKib(), Math::max);
        seriesOf(p).add(s);
      });
    }
    sampleLoad();
  }

  synchronized WindowUsage end() {
    sampleLoad();
    double machine = machineCpuPercent();
    double windowSeconds = (System.nanoTime() - machineFromNanos) / 1e9;
    List<ProcessUsage> usage = new ArrayList<>();
    for (Watched p : processes) {
      ProcessProbe.Sample from = baseline.get(p.pid());
      Map<String, Long> threadsTo = ThreadProbe.ticksByGroup(p.pid());
      Optional<ProcessProbe.Sample> to = probe.sample(p.pid());
      to.ifPresent(seriesOf(p)::addLast);
      List<UsageSample> readings = seriesOf(p).samples(machineFromNanos, probe);
      MemoryTrend memory = MemoryTrend.of(readings, windowSeconds);
      if (from == null || to.isEmpty()) {
        usage.add(new ProcessUsage(p.name(), p.pid(), Double.NaN, Double.NaN, Double.NaN, List.of(), memory,
            readings));
      } else {
        double seconds = (to.get().atNanos() - from.atNanos()) / 1e9;
        List<ThreadUsage> threads = ThreadProbe.busiest(threadBaseline.getOrDefault(p.pid(), Map.of()), threadsTo,
            probe.ticksPerSecond(), seconds, BUSIEST_THREAD_GROUPS);
        long maxRss = Math.max(to.get().rssKib(), maxRssKib.getOrDefault(p.pid(), 0L));
        usage.add(new ProcessUsage(p.name(), p.pid(), probe.cpuPercent(from, to.get()), to.get().rssKib() / 1024.0,
            maxRss / 1024.0, threads, memory, readings));
      }
    }
    return new WindowUsage(usage, machine, loadSamples == 0 ? Double.NaN : loadSum / loadSamples);
  }

  private UsageSeries seriesOf(Watched p) {
    return series.computeIfAbsent(p.pid(), pid -> new UsageSeries(SERIES_CAPACITY));
  }

  private double machineCpuPercent() {
    Long to = ProcessProbe.machineBusyTicks().orElse(null);
    double seconds = (System.nanoTime() - machineFromNanos) / 1e9;
    if (machineBusyFrom == null || to == null || seconds <= 0) {
      return Double.NaN;
    }
    return 100.0 * (to - machineBusyFrom) / probe.ticksPerSecond() / seconds;
  }

  private void sampleLoad() {
    double load = ProcessProbe.loadAverage();
    if (!Double.isNaN(load)) {
      loadSum += load;
      loadSamples++;
    }
  }
}
