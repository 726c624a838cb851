package io.bftvote.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run must achieve to count as sustained: the system keeps up with the offered rate, every
 * ballot it was offered ends final, and the p99 from post to final outcome stays within target
 * (issue 7: 500 ms). One named check per objective; each miss says by how much.
 *
 * @param p99TargetMillis the p99 latency allowed
 * @param minThroughputShare committed/s must be at least this share of the offered rate
 * @param maxLossShare at most this share of offered ballots may end refused or unfinished
 */
record Objectives(double p99TargetMillis, double minThroughputShare, double maxLossShare) {
  static final Objectives DEFAULT = new Objectives(500, 0.95, 0.001);

  Verdict judge(double offeredRate, long offered, long finalCount, double committedPerSecond, Latency latency) {
    List<String> misses = new ArrayList<>();
    measuredSomething(offered, latency, misses);
    keptUp(offeredRate, committedPerSecond, misses);
    everyBallotFinal(offered, finalCount, misses);
    tailWithinTarget(latency, misses);
    return Verdict.of(misses);
  }

  private static void measuredSomething(long offered, Latency latency, List<String> misses) {
    if (offered == 0 || latency.count() == 0) {
      misses.add("nothing was measured: no ballot was offered or none became final in the window");
    }
  }

  private void keptUp(double offeredRate, double committedPerSecond, List<String> misses) {
    if (committedPerSecond < minThroughputShare * offeredRate) {
      misses.add(String.format("committed %,.0f/s, under %.0f%% of the offered %,.0f/s", committedPerSecond,
          100 * minThroughputShare, offeredRate));
    }
  }

  private void everyBallotFinal(long offered, long finalCount, List<String> misses) {
    long lost = offered - finalCount;
    if (offered > 0 && lost > maxLossShare * offered) {
      misses.add(String.format("%,d of %,d ballots (%.2f%%) were refused or not final", lost, offered,
          100.0 * lost / offered));
    }
  }

  private void tailWithinTarget(Latency latency, List<String> misses) {
    if (latency.count() > 0 && !(latency.p99() <= p99TargetMillis)) {
      misses.add(String.format("p99 %,.0f ms over the %,.0f ms target", latency.p99(), p99TargetMillis));
    }
  }
}
