package io.bftvote.bench;

import java.util.Locale;

/**
 * How the wait for an idle system before a step ended. Idle means every ballot of the previous
 * step has its outcome (or was refused) and no replica has replied for a while; then a short
 * pause follows, for the tally and the collectors.
 *
 * @param idle the system was idle before the deadline; false: the step that follows starts on a backlog
 * @param outstanding ballots of the previous step still without an outcome when the wait ended
 * @param repliesArriving replicas were still replying when the wait ended
 * @param waitedSeconds how long the wait took, the pause included
 */
record Settling(boolean idle, long outstanding, boolean repliesArriving, double waitedSeconds) {
  /** For a report: what the step started on, and why it cannot be trusted when it was not idle. */
  String describe() {
    if (idle) {
      return String.format(Locale.ROOT, "started on an idle system (waited %.0f s for it)", waitedSeconds);
    }
    return String.format(Locale.ROOT, "STARTED ON A BACKLOG: after %.0f s (--settle), %s; its figures carry the"
        + " previous run's load", waitedSeconds, what());
  }

  /** What was still going on when the wait ended. */
  String what() {
    String replies = repliesArriving ? "replicas still replying" : "no replies arriving";
    return String.format(Locale.ROOT, "%,d votes still outstanding, %s", outstanding, replies);
  }
}
