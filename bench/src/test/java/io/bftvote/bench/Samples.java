package io.bftvote.bench;

import java.util.List;
import java.util.Map;

/** Bench results as a real run would report them, for the formatting and plotting tests. */
final class Samples {
  static final Machine MACHINE = new Machine(2, "AMD EPYC", 23.5, "OpenJDK 17", "Linux");

  private Samples() {}

  static RunReport run(double rate, double committed, double p99, boolean passed) {
    Latency latency = new Latency(1000, p99 / 3, p99 / 2, p99, p99 * 1.2, p99 * 2, p99 / 2.5);
    List<String> misses = passed ? List.of() : List.of("p99 " + p99 + " ms over the 500 ms target");
    return new RunReport(rate, 10, 60, (long) (rate * 60), (long) (rate * 60) - 3, Map.of("http-429", 3L),
        (long) (rate * 60) - 5, 0, 2, committed, latency, 2 * (long) (rate * 60), 0,
        List.of(new ProcessUsage("devnet JVM", 1234, 143.25, 1203.4, 1250.9,
                List.of(new ThreadUsage("replica-0-loop", 31.5), new ThreadUsage("replica-1-verif", 20.2))),
            new ProcessUsage("bench JVM", 99, Double.NaN, Double.NaN, Double.NaN, List.of())),
        190, 46.75, 5.1, new Verdict(passed, misses));
  }

  static BenchResult result(String label, List<RunReport> runs) {
    return new BenchResult(label, "http", 4, "devnet", 64, MACHINE, "2026-11-21T06:00:00Z", Objectives.DEFAULT, runs,
        3000.0);
  }
}
