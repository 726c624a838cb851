package io.bftvote.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs the load steps of one benchmark one after another, each on an idle system: before every
 * step it waits ({@link IdleWait}) until the previous step's ballots all have their outcome and
 * the replicas have stopped replying. A sweep runs every rate it was given, and marks a step that
 * had to start on a backlog; the max-rate search stops instead, since a step measured on a
 * backlog can only mislead it (a miss there says nothing about the rate).
 */
final class Steps {
  /** The system as the steps see it: one open-loop run at a time, and what the last one left behind. */
  interface Load {
    /** One run at {@code rate}; {@code settling} says how the wait before it ended, for its report. */
    RunReport run(double rate, Settling settling) throws InterruptedException;

    /** What the last run (or the prime) left behind; {@link Backlog#NONE} before any. */
    Backlog backlog();
  }

  /**
   * The runs in order, the highest rate that met every objective (--find-max only), and why the
   * search stopped early, if it did.
   */
  record Outcome(List<RunReport> runs, Double best, String stopped) {
    Outcome {
      runs = List.copyOf(runs);
    }
  }

  private final Load load;
  private final IdleWait idle;
  private final PrintWriter progress;

  Steps(Load load, IdleWait idle, PrintWriter progress) {
    this.load = load;
    this.idle = idle;
    this.progress = progress;
  }

  /** Every rate in turn; a step that had to start on a backlog still runs, and its report says so. */
  Outcome sweep(List<Double> rates) throws InterruptedException {
    List<RunReport> runs = new ArrayList<>();
    for (double rate : rates) {
      runs.add(announce(load.run(rate, awaitIdle())));
    }
    return new Outcome(runs, null, null);
  }

  /** The search's rates in turn, each on an idle system; stops when the system does not become idle in time. */
  Outcome findMax(MaxRateSearch search) throws InterruptedException {
    List<RunReport> runs = new ArrayList<>();
    for (OptionalDouble rate = search.next(); rate.isPresent(); rate = search.next()) {
      Settling settling = awaitIdle();
      if (!settling.idle()) {
        String stopped = String.format("the search stopped before %s/s: %s after %s (--settle), and a step measured"
            + " on that backlog could only mislead it", ReportTable.count(rate.getAsDouble()), settling.what(),
            Durations.format(idle.limit()));
        progress.println("→ " + stopped);
        progress.flush();
        return new Outcome(runs, best(search), stopped);
      }
      RunReport report = announce(load.run(rate.getAsDouble(), settling));
      runs.add(report);
      search.record(report.offeredRate(), report.verdict().passed());
    }
    return new Outcome(runs, best(search), null);
  }

  private Settling awaitIdle() throws InterruptedException {
    return idle.await(load::backlog);
  }

  private static Double best(MaxRateSearch search) {
    return search.best().isPresent() ? search.best().getAsDouble() : null;
  }

  private RunReport announce(RunReport report) {
    progress.printf("→ %s/s offered: %s committed/s, p99 %s, %s%s%n", ReportTable.count(report.offeredRate()),
        ReportTable.rate(report.committedPerSecond()), ReportTable.millis(report.latency().p99()),
        report.verdict().passed() ? "every objective met" : "missed: " + String.join("; ", report.verdict().misses()),
        report.startedOnBacklog() ? " (started on a backlog)" : "");
    progress.flush();
    return report;
  }
}
