package io.bftvote.bench;

import io.bftvote.topics.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One invocation of {@code bench}: what was measured, where, and the runs in order (one per rate
 * of {@code --rate}, or every step of {@code --find-max}). This is what {@code --json} prints and
 * what {@code --plot} reads.
 *
 * @param label the series name in plots, e.g. "n=4 http"
 * @param mode "http" (through the gateway) or "direct" (straight to bft.requests)
 * @param replicas n, from the cluster file
 * @param target where the ballots went
 * @param clients distinct client addresses the HTTP load came from (1 for direct)
 * @param maxSustainedRate with --find-max, the highest offered rate that met every objective
 * @param searchStopped with --find-max, why the search stopped before it converged; null when it did not
 * @param speedBefore how fast the machine verified signatures before the system started (idle), or null
 *     ({@code --speed-check 0s}, and result files from before the check existed)
 * @param speedAfter the same after the last run (the devnet stopped; an external system settling), or null
 */
record BenchResult(String label, String mode, int replicas, String target, int clients, Machine machine,
                   String startedAt, Objectives objectives, List<RunReport> runs, Double maxSustainedRate,
                   String searchStopped, SignatureSpeed speedBefore, SignatureSpeed speedAfter) {
  BenchResult {
    runs = List.copyOf(runs);
  }

  BenchResult withSpeedAfter(SignatureSpeed after) {
    return new BenchResult(label, mode, replicas, target, clients, machine, startedAt, objectives, runs,
        maxSustainedRate, searchStopped, speedBefore, after);
  }

  static BenchResult read(Path file) {
    try {
      return Json.MAPPER.readValue(Files.readAllBytes(file), BenchResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bench results from " + file + ": " + e.getMessage(), e);
    }
  }

  String toJson() {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
