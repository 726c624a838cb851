package io.bftvote.bench;

import java.util.Locale;

/** The report's lines on a run with {@code --crash-primary-at}: what the kill cost and whether anything was lost. */
final class CrashLines {
  private CrashLines() {}

  static String format(RunReport run) {
    ViewChangeReport v = run.viewChange();
    StringBuilder out = new StringBuilder();
    if (v.problem() != null) {
      return "  crash: not carried out: " + v.problem() + "\n";
    }
    out.append(String.format(Locale.ROOT, "  crash: killed replica %d, the primary of view %d, %.1f s into the window;"
        + " at the end: %s%n", v.killedReplica(), v.viewBefore(), v.killedAtSeconds(), after(v)));
    out.append(String.format(Locale.ROOT, "    from the kill to the next vote final: %s; to the first final of a"
        + " vote sent after it: %s%n", orNone(v.firstFinalMillis()), orNone(v.firstFinalSentAfterMillis())));
    out.append(String.format(Locale.ROOT, "    latency p99 %s, max %s; %s%n", ReportTable.millis(run.latency().p99()),
        ReportTable.millis(run.latency().max()), everyVote(run)));
    if (v.restartedAtSeconds() != null) {
      out.append(String.format(Locale.ROOT, "    restarted %.1f s into the window; %s%n", v.restartedAtSeconds(),
          caughtUp(v, run.measuredSeconds())));
    }
    return out.toString();
  }

  private static String after(ViewChangeReport v) {
    if (v.viewAfter() == null) {
      return "no replica answered /status";
    }
    return String.format(Locale.ROOT, "view %d, primary %s", v.viewAfter(),
        v.primaryAfter() == null ? "unknown" : v.primaryAfter().toString());
  }

  private static String caughtUp(ViewChangeReport v, double windowSeconds) {
    if (v.caughtUpMillis() == null) {
      return String.format(Locale.ROOT, "NOT caught up with the others within %s after the run",
          Durations.format(PrimaryCrash.CATCH_UP_LIMIT));
    }
    return String.format(Locale.ROOT, "caught up (height %,d) %s after its restart, %.1f s into the window%s",
        v.caughtUpHeight(), ReportTable.millis(v.caughtUpMillis()), v.caughtUpAtSeconds(),
        v.caughtUpAtSeconds() > windowSeconds ? " (after the load ended)" : " (under load)");
  }

  private static String everyVote(RunReport run) {
    if (run.everyVoteFinal()) {
      return String.format(Locale.ROOT, "every vote became final (%,d of %,d offered)", run.finalCount(),
          run.offered());
    }
    return String.format(Locale.ROOT, "NOT every vote became final: %,d of %,d offered; %,d refused, %,d unfinished",
        run.finalCount(), run.offered(), run.refusedCount(), run.unfinished());
  }

  private static String orNone(Double millis) {
    return millis == null ? "none by the end of the run" : ReportTable.millis(millis);
  }
}
