package io.bftvote.replica.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thousands of simulated clusters, each from one seed, each checked for agreement, validity and
 * liveness after every step. A failing seed is printed with the command that replays it.
 */
class SimulationTest {
  @Test
  void aThousandSeedsOfFourReplicasStaySafeAndLiveUnderEveryFault() {
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 4), 1, 1_000);
  }

  @Test
  void twoHundredSeedsOfSevenReplicasStaySafeAndLiveUnderEveryFault() {
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 7), 1, 200);
  }

  /**
   * Up to f replicas that vote and change views but never give a batch away (as primary their
   * pre-prepares come without one, and they publish no blocks): a re-proposed batch must still
   * reach every honest replica from the f+1 honest ones that accepted it.
   */
  @Test
  void replicasThatWithholdEveryBatchNeitherStallNorSplitTheCluster() {
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 4).withBehaviours(EnumSet.of(Behaviour.WITHHOLDER)), 1, 200);
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 7).withBehaviours(EnumSet.of(Behaviour.WITHHOLDER)), 1, 40);
  }

  /**
   * More than f crashes at once: every honest replica goes down together (prepared batches in
   * flight, view changes half done) and comes back from its own write-ahead log alone. A batch
   * that prepared before the cut must still be at hand when a new view proposes it again.
   */
  @Test
  void wholeClusterPowerCutsLoseNoPreparedBatch() {
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 4).withPowerCuts(), 1, 1_000);
    assertAllPass(SimOptions.profile(SimOptions.ALL_FAULTS, 7).withPowerCuts(), 1, 200);
  }

  @Test
  void theNormalCaseAloneNeedsNoViewChange() {
    for (long seed = 1; seed <= 100; seed++) {
      SimResult result = Simulation.run(seed, SimOptions.profile(SimOptions.NORMAL_CASE, 4));
      assertTrue(result.ok(), result.describe());
      assertEquals(0, result.highestView(), "no losses and an honest primary: no reason to change view\n"
          + result.describe());
    }
  }

  @Test
  void heavyFaultsForceViewChangesAndTheClusterStillCommitsEverything() {
    long changedView = 0;
    for (long seed = 1; seed <= 100; seed++) {
      SimResult result = Simulation.run(seed, SimOptions.profile(SimOptions.ALL_FAULTS, 4));
      assertTrue(result.ok(), result.describe());
      changedView += result.highestView() > 0 ? 1 : 0;
    }
    assertTrue(changedView > 50, "most seeds needed a view change, and survived it: " + changedView);
  }

  @Test
  void oneSeedReplaysExactly() {
    SimOptions options = SimOptions.profile(SimOptions.SAFETY_ONLY, 4);
    SimResult first = Simulation.run(42, options);
    SimResult second = Simulation.run(42, options);

    assertEquals(first, second);
    assertTrue(first.height() > 0, "the run committed something: " + first.describe());
  }

  @Test
  void forgedMessagesAreDroppedAtTheEdgeAndChangeNothing() {
    SimOptions options = SimOptions.profile(SimOptions.NORMAL_CASE, 4).withBehaviours(EnumSet.of(Behaviour.FORGER));
    int forgeriesDropped = 0;
    for (long seed = 1; seed <= 20; seed++) {
      SimResult result = Simulation.run(seed, options);
      assertTrue(result.ok(), result.describe());
      forgeriesDropped += result.dropped().getOrDefault(SimEdge.BAD_SIGNATURE, 0);
    }
    assertTrue(forgeriesDropped > 0, "some seeds drew a forger, and the edge caught it");
  }

  /** Runs the seed of {@code -Dsim.seed} (with {@code -Dsim.replicas}, {@code -Dsim.profile}) and describes it. */
  @Test
  void replayOneSeed() {
    String seed = System.getProperty("sim.seed");
    assumeTrue(seed != null, "set -Dsim.seed=N to replay one seed");
    int replicas = Integer.parseInt(System.getProperty("sim.replicas", "4"));
    String profile = System.getProperty("sim.profile", SimOptions.ALL_FAULTS);
    SimResult result = Simulation.run(Long.parseLong(seed), SimOptions.profile(profile, replicas));
    System.out.println(result.describe());
    assertTrue(result.ok(), result.describe());
  }

  private static void assertAllPass(SimOptions options, long from, int seeds) {
    List<String> failures = new ArrayList<>();
    for (long seed = from; seed < from + seeds; seed++) {
      SimResult result = Simulation.run(seed, options);
      if (!result.ok()) {
        System.out.println(result.describe());
        failures.add(result.describe());
      }
    }
    assertEquals(List.of(), failures.stream().limit(3).toList(), failures.size() + " of " + seeds + " seeds failed");
  }
}
