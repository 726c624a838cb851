package io.bftvote.replica.sim;

import java.util.List;
import java.util.Map;

/**
 * What one seed did.
 *
 * @param seed the seed; the same seed and options replay exactly
 * @param profile the {@link SimOptions#profile} it ran under
 * @param replicas n
 * @param scenario the faults the seed drew
 * @param violations what the checkers caught, empty if the run was correct
 * @param steps arrivals delivered
 * @param virtualMillis virtual time at the end
 * @param height lowest ledger height among honest replicas at the end
 * @param highestView highest view any honest replica reached
 * @param lost consensus messages the network lost
 * @param dropped what the honest replicas' edges refused, by reason (forgeries end up here)
 * @param fingerprint digest of every execution in order: equal for two runs of one seed
 */
public record SimResult(long seed, String profile, int replicas, String scenario, List<String> violations, long steps,
                        long virtualMillis, long height, long highestView, long lost, Map<String, Integer> dropped,
                        String fingerprint) {
  public SimResult {
    violations = List.copyOf(violations);
    dropped = Map.copyOf(dropped);
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  /** How to run this seed again, alone. */
  public String replayCommand() {
    if (SimOptions.CUSTOM.equals(profile)) {
      return "custom options: run the test that printed this again";
    }
    return "mvn -q -pl replica test -Dtest=SimulationTest#replayOneSeed -Dsim.seed=" + seed
        + " -Dsim.replicas=" + replicas + " -Dsim.profile=" + profile
        + "   (or: java -cp <replica classpath> " + SimulationMain.class.getName() + " --seed " + seed
        + " --replicas " + replicas + " --profile " + profile + ")";
  }

  /** A report for a failed seed: what went wrong, under which faults, and how to replay it. */
  public String describe() {
    StringBuilder text = new StringBuilder("seed " + seed + " (" + profile + ", n=" + replicas + ") "
        + (ok() ? "passed" : "FAILED") + " after " + steps + " steps, " + virtualMillis + " virtual ms, height "
        + height + ", view " + highestView + "\n  faults: " + scenario);
    violations.forEach(v -> text.append("\n  ").append(v));
    if (!ok()) {
      text.append("\n  replay: ").append(replayCommand());
    }
    return text.toString();
  }
}
