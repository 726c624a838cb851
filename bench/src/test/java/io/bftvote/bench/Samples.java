package io.bftvote.bench;

import java.util.List;
import java.util.Map;

/** Bench results as a real run would report them, for the formatting and plotting tests. */
final class Samples {
  static final Machine MACHINE = new Machine(2, "AMD EPYC", 23.5, "OpenJDK 17", "Linux");

  private Samples() {}

  static RunReport run(double rate, double committed, double p99, boolean passed) {
    return run(rate, committed, p99, passed, new Settling(true, 0, false, 7.2));
  }

  static RunReport run(double rate, double committed, double p99, boolean passed, Settling settling) {
    Latency latency = new Latency(1000, p99 / 3, p99 / 2, p99, p99 * 1.2, p99 * 2, p99 / 2.5);
    List<String> misses = passed ? List.of() : List.of("p99 " + p99 + " ms over the 500 ms target");
    return new RunReport(rate, 10, 60, (long) (rate * 60), (long) (rate * 60) - 3, Map.of("http-429", 3L),
        (long) (rate * 60) - 5, 0, 2, committed, latency, 2 * (long) (rate * 60), 0,
        List.of(new ProcessUsage("devnet JVM", 1234, 143.25, 1203.4, 1250.9,
                List.of(new ThreadUsage("replica-0-loop", 31.5), new ThreadUsage("replica-1-verif", 20.2)), null, null),
            new ProcessUsage("bench JVM", 99, Double.NaN, Double.NaN, Double.NaN, List.of(), null, null)),
        190, 46.75, 5.1, new Verdict(passed, misses), null, null, settling);
  }

  /** A 1,000/s run in which replica 0, the primary, was killed 30 s in and restarted 20 s later. */
  static RunReport crashRun(ViewChangeReport viewChange, long unfinished) {
    Latency latency = new Latency(60_000, 40, 90, 2_400, 3_100, 3_300, 70);
    List<UsageSample> series = List.of(new UsageSample(0, null, 400), new UsageSample(60, 80.0, 410),
        new UsageSample(120, 90.0, 420));
    MemoryTrend memory = MemoryTrend.of(series, 120);
    return new RunReport(1000, 10, 120, 120_000, 120_000, Map.of(), 120_000 - unfinished, 0, unfinished, 990,
        latency, 240_000, 0,
        List.of(new ProcessUsage("replica-1", 4321, 60.5, 420, 425, List.of(), memory, series)),
        195, 10, 8.2, new Verdict(true, List.of()), new CommitGap(2_850, 30.1, 118_000), viewChange, null);
  }

  static ViewChangeReport killedAndCaughtUp() {
    return new ViewChangeReport(0, 0L, 30.0, 12.0, 2_950.0, 1L, 1, 50.0, 8_400.0, 58.4, 3_050L, null);
  }

  static BenchResult result(String label, List<RunReport> runs) {
    return new BenchResult(label, "http", 4, "devnet", 64, MACHINE, "2026-11-21T06:00:00Z", Objectives.DEFAULT, runs,
        3000.0, null, new SignatureSpeed(11_420, 18_310), null);
  }
}
