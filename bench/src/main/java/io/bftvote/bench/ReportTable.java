package io.bftvote.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable report: what was measured where, one row per run, then what each run missed and cost. */
final class ReportTable {
  private static final String ROW = "%10s %12s %17s %9s %10s %9s %9s %9s %9s %6s  %s%n";

  private ReportTable() {}

  static String format(BenchResult result) {
    StringBuilder out = new StringBuilder();
    out.append(header(result));
    out.append(String.format(Locale.ROOT, ROW, "offered/s", "committed/s", "final/offered", "refused", "unfinished",
        "p50", "p90", "p99", "max", "load", "verdict"));
    for (RunReport run : result.runs()) {
      out.append(String.format(Locale.ROOT, ROW, count(run.offeredRate()), rate(run.committedPerSecond()),
          String.format(Locale.ROOT, "%,d/%,d", run.finalCount(), run.offered()), count(run.refusedCount()),
          count(run.unfinished()), millis(run.latency().p50()), millis(run.latency().p90()),
          millis(run.latency().p99()), millis(run.latency().max()), load(run.loadAverage()),
          (run.verdict().passed() ? "ok" : "MISS") + (run.startedOnBacklog() ? " (on a backlog)" : "")));
    }
    if (result.maxSustainedRate() != null) {
      out.append(String.format(Locale.ROOT, "%nhighest sustained rate: %s votes/s (every objective met%s)%n",
          count(result.maxSustainedRate()), result.searchStopped() != null ? "; at least this: see below" : ""));
    }
    if (result.searchStopped() != null) {
      out.append(String.format(Locale.ROOT, "%n%s%n", result.searchStopped()));
    }
    for (RunReport run : result.runs()) {
      out.append(details(run, result.machine().cores()));
    }
    return out.toString();
  }

  private static String header(BenchResult r) {
    Objectives o = r.objectives();
    return String.format(Locale.ROOT, "%nbftvote bench: %s, n=%d, %s%n", r.label(), r.replicas(), r.target())
        + String.format(Locale.ROOT, "machine: %s%n", r.machine().describe())
        + speed("before the system started", r.speedBefore()) + speed("after the runs", r.speedAfter())
        + String.format(Locale.ROOT, "objectives: p99 <= %s, committed >= %.0f%% of offered, <= %.1f%% refused or"
            + " unfinished; latency from intended send to f+1 matching signed replies%n", millis(o.p99TargetMillis()),
            100 * o.minThroughputShare(), 100 * o.maxLossShare())
        + String.format(Locale.ROOT, "client addresses: %d; started %s%n%n", r.clients(), r.startedAt());
  }

  /** The machine's speed that day, when it was measured (empty otherwise). */
  private static String speed(String when, SignatureSpeed speed) {
    return speed == null ? "" : String.format(Locale.ROOT, "machine speed %s: %s%n", when, speed.describe());
  }

  /** Below the table, per run: the misses, the refusals by reason, and each process's CPU and memory. */
  static String details(RunReport run, int cores) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nat %s/s (%.0f s measured after %.0f s warm-up):%n", count(run.offeredRate()), run.measuredSeconds(),
        run.warmupSeconds()));
    if (run.settling() != null) {
      out.append("  ").append(run.settling().describe()).append('\n');
    }
    for (String miss : run.verdict().misses()) {
      out.append("  missed: ").append(miss).append('\n');
    }
    if (!run.refused().isEmpty()) {
      out.append("  refused: ").append(run.refused().entrySet().stream()
          .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", "))).append('\n');
    }
    out.append(String.format(Locale.ROOT, "  replies: %,d signatures verified, %,d bad%n",
        run.replySignaturesVerified(), run.badReplySignatures()));
    if (run.commitGap() != null) {
      out.append(String.format(Locale.ROOT, "  longest time without a vote becoming final: %s, from %.1f s into the"
          + " window%n", millis(run.commitGap().longestMillis()), run.commitGap().startsAtSeconds()));
    }
    if (run.viewChange() != null) {
      out.append(CrashLines.format(run));
    }
    out.append(String.format(Locale.ROOT, "  machine: CPU %s of %d cores' %d%%, of which %s by other processes;"
        + " load average %s%n", percent(run.machineCpuPercent()), cores, 100 * cores, percent(run.otherCpuPercent()),
        load(run.loadAverage())));
    for (ProcessUsage p : run.processes()) {
      out.append(String.format(Locale.ROOT, "  %-52s pid %-7d CPU %6s  RSS %s (max %s)%n", p.name(), p.pid(),
          percent(p.cpuPercent()), mib(p.rssMib()), mib(p.maxRssMib())));
      if (p.memory() != null) {
        out.append(memory(p.memory()));
      }
      if (!p.busiestThreads().isEmpty()) {
        out.append("    busiest threads: ").append(p.busiestThreads().stream()
            .map(t -> t.group() + " " + percent(t.cpuPercent())).collect(Collectors.joining(", "))).append('\n');
      }
    }
    return out.toString();
  }

  /** RSS over the window, and the verdict on issue 7's "flat within 10 %". */
  static String memory(MemoryTrend m) {
    String trend = m.growthPercent() == null
        ? m.verdict()
        : String.format(Locale.ROOT, "%s → %s, %+.1f%%: %s (±%.0f%%)", mib(m.firstMinuteMib()), mib(m.lastMinuteMib()),
            m.growthPercent(), m.verdict(), MemoryTrend.TOLERANCE_PERCENT);
    return String.format(Locale.ROOT, "    RSS start %s, end %s, min %s, max %s; first→last minute %s%n",
        mib(m.startMib()), mib(m.endMib()), mib(m.minMib()), mib(m.maxMib()), trend);
  }

  /** Milliseconds to read at a glance: one decimal under 10 ms, none above; "-" when there is no figure. */
  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
  }

  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%,.1f", perSecond);
  }

  static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  static String percent(double p) {
    return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", p);
  }

  static String mib(Double mib) {
    return mib == null || Double.isNaN(mib) ? "-" : String.format(Locale.ROOT, "%,.0f MiB", mib);
  }

  private static String load(double load) {
    return Double.isNaN(load) ? "-" : String.format(Locale.ROOT, "%.2f", load);
  }
}
