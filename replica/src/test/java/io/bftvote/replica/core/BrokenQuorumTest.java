package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.sim.Behaviour;
import io.bftvote.replica.sim.CoreFactory;
import io.bftvote.replica.sim.SimOptions;
import io.bftvote.replica.sim.SimResult;
import io.bftvote.replica.sim.Simulation;
import io.bftvote.topics.Cluster;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The simulation's checkers can fail: broken cores are caught committing different blocks at one
 * height. A commit quorum of 2f lets a request commit on the word of replicas that a later view
 * change may not hear from (a restarted one has forgotten what it prepared), so the new view
 * reuses its sequence number; quorums of 2f everywhere let an equivocating primary split the
 * cluster without any view change.
 */
class BrokenQuorumTest {
  /** Commits 2f instead of 2f+1. */
  private static class CommitQuorumOneShort extends QuorumRule {
    private final Cluster cluster;

    CommitQuorumOneShort(Cluster cluster) {
      super(cluster);
      this.cluster = cluster;
    }

    @Override
    int commits() {
      return 2 * cluster.f();
    }
  }

  /** Prepared after 2f-1 prepares, committed after 2f commits: every quorum one vote short. */
  private static final class AllQuorumsOneShort extends CommitQuorumOneShort {
    private final Cluster cluster;

    AllQuorumsOneShort(Cluster cluster) {
      super(cluster);
      this.cluster = cluster;
    }

    @Override
    int prepares() {
      return 2 * cluster.f() - 1;
    }
  }

  @Test
  void aCoreThatCommitsOnTwoFCommitsIsCaughtBreakingAgreement() {
    CoreFactory broken = (config, signer, verifier, height, view) ->
        new Pbft(config, signer, verifier, height, view, new CommitQuorumOneShort(config.cluster()));
    assertCaught(SimOptions.allFaults(4).withoutLiveness().withCores(broken), 3_000);
  }

  @Test
  void aCoreWithAllQuorumsOneShortIsCaughtSplitByAnEquivocatingPrimary() {
    CoreFactory broken = (config, signer, verifier, height, view) ->
        new Pbft(config, signer, verifier, height, view, new AllQuorumsOneShort(config.cluster()));
    assertCaught(SimOptions.allFaults(4).withoutLiveness().withCores(broken)
        .withBehaviours(EnumSet.of(Behaviour.EQUIVOCATING_PRIMARY)), 500);
  }

  private static void assertCaught(SimOptions options, int seeds) {
    SimResult caught = null;
    for (long seed = 1; seed <= seeds && caught == null; seed++) {
      SimResult result = Simulation.run(seed, options);
      if (result.violations().stream().anyMatch(v -> v.startsWith("agreement"))) {
        caught = result;
      }
    }
    assertTrue(caught != null, "no seed of " + seeds + " caught the broken core");
    System.out.println("caught, as it must be:\n" + caught.describe());
  }

  @Test
  void theRealCoreSurvivesTheSameSeeds() {
    SimOptions options = SimOptions.allFaults(4).withoutLiveness()
        .withBehaviours(EnumSet.of(Behaviour.EQUIVOCATING_PRIMARY));
    for (long seed = 1; seed <= 100; seed++) {
      SimResult result = Simulation.run(seed, options);
      assertTrue(result.ok(), result.describe());
    }
  }
}
