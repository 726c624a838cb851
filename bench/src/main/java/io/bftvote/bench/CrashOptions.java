package io.bftvote.bench;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What it costs when the primary dies: kill its process during the run, and maybe start it again. */
final class CrashOptions {
  @Option(names = "--crash-primary-at", paramLabel = "D", converter = Durations.class,
      description = {"With --processes: D into the measured window, SIGKILL the replica that is primary",
          "(asked from the replicas' /status) and report the longest time without a final vote, the time",
          "from the kill to the next final, and whether every vote still became final. One --rate only."})
  Duration crashAt;

  @Option(names = "--restart-after", paramLabel = "D", converter = Durations.class,
      description = "With --crash-primary-at: start the killed replica again D after the kill (still inside the"
          + " window), on its own data, and report when its height reaches the others'.")
  Duration restartAfter;

  boolean requested() {
    return crashAt != null;
  }

  /** Refuses a crash the run could not carry out or report on, saying why; before anything starts. */
  void check(boolean processes, LoadOptions load) {
    if (restartAfter != null && crashAt == null) {
      throw new IllegalArgumentException("--restart-after restarts the replica --crash-primary-at killed: add"
          + " --crash-primary-at");
    }
    if (crashAt == null) {
      return;
    }
    if (!processes) {
      throw new IllegalArgumentException("--crash-primary-at kills a replica's process: add --devnet --processes"
          + " (a devnet in one JVM has no process per replica)");
    }
    if (load.findMax || load.rates.size() != 1) {
      throw new IllegalArgumentException("--crash-primary-at measures one run: give one --rate, without --find-max");
    }
    if (crashAt.isNegative() || crashAt.compareTo(load.duration) >= 0) {
      throw new IllegalArgumentException("--crash-primary-at must fall inside the measured window (--duration "
          + Durations.format(load.duration) + "); got " + Durations.format(crashAt));
    }
    if (restartAfter != null && (restartAfter.isZero() || restartAfter.isNegative())) {
      throw new IllegalArgumentException("--restart-after must be positive, got " + Durations.format(restartAfter));
    }
    if (restartAfter != null && crashAt.plus(restartAfter).compareTo(load.duration) >= 0) {
      throw new IllegalArgumentException("the restart (--crash-primary-at + --restart-after) must fall inside the"
          + " measured window too, so the replica catches up under load; lengthen --duration");
    }
  }

  /** The crash for the measured run, or null when none was asked for. */
  PrimaryCrash crash(ProcessCluster cluster, PrintWriter progress) {
    return crashAt == null ? null : new PrimaryCrash(cluster, crashAt, restartAfter, progress);
  }
}
