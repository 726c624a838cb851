package io.bftvote.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one run at one offered rate. Counts cover the ballots whose intended send time
 * fell in the measured window (the warm-up excluded); {@code committedPerSecond} counts outcomes
 * that became final during the window.
 *
 * @param offeredRate the schedule's constant rate, ballots per second
 * @param offered ballots whose send time fell in the window
 * @param taken of those, how many the system took (HTTP 202, or acknowledged by the broker)
 * @param refused of those, how many it refused or could not be sent, by reason ("http-429", ...)
 * @param accepted final outcome "accepted": f+1 matching, validly signed replies
 * @param rejected final outcome "rejected"
 * @param unfinished taken, but without a final outcome when the run stopped waiting
 * @param latency intended send to final outcome; unfinished ballots count with their age then
 * @param replySignaturesVerified reply signatures this run checked (at most f+1 per ballot)
 * @param badReplySignatures replies whose signature failed: never counted
 * @param processes CPU and memory of each watched process over the window
 * @param machineCpuPercent CPU of the whole machine over the window, in percent of one core
 * @param otherCpuPercent of that, what processes other than the watched ones used: competition
 * @param loadAverage mean 1-minute load average over the window (the watched processes' threads count too)
 * @param commitGap the longest time in the window without a vote becoming final (null in older result files)
 * @param viewChange what killing the primary cost, with {@code --crash-primary-at}; null otherwise
 * @param settling how the wait for an idle system before this run ended (null in older result files)
 */
record RunReport(double offeredRate, double warmupSeconds, double measuredSeconds, long offered, long taken,
                 Map<String, Long> refused, long accepted, long rejected, long unfinished, double committedPerSecond,
                 Latency latency, long replySignaturesVerified, long badReplySignatures,
                 List<ProcessUsage> processes, double machineCpuPercent, double otherCpuPercent,
                 double loadAverage, Verdict verdict, CommitGap commitGap, ViewChangeReport viewChange,
                 Settling settling) {
  RunReport {
    refused = Map.copyOf(refused);
    processes = List.copyOf(processes);
  }

  /** The run started before the previous one's backlog was worked off: its figures carry that load too. */
  boolean startedOnBacklog() {
    return settling != null && !settling.idle();
  }

  long finalCount() {
    return accepted + rejected;
  }

  long refusedCount() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every ballot offered in the window was taken and became final: nothing refused, nothing lost. */
  boolean everyVoteFinal() {
    return finalCount() == offered && refusedCount() == 0 && unfinished == 0;
  }
}
