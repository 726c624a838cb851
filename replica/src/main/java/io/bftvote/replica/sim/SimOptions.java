package io.bftvote.replica.sim;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a simulation run may do. Each seed draws its own {@link Scenario} within these limits.
 *
 * @param profile the name of a {@link #profile named profile} these options are, so a failing seed
 *     can be replayed under the same ones; "custom" once a {@code with} method changed anything
 * @param replicas n (3f+1)
 * @param ballots distinct valid ballots submitted (plus some resubmissions and forgeries)
 * @param maxDropRate highest chance a seed may give to losing a consensus message, before it heals
 * @param maxDuplicateRate highest chance a seed may give to delivering one twice
 * @param maxDelayMillis longest network delay; random delays also reorder
 * @param partitions whether groups of replicas may be cut off for a while
 * @param crashes whether honest replicas may crash and restart from what they persisted
 * @param powerCuts whether, instead, every honest replica crashes at one moment (more than f at
 *     once) and each restarts from what it persisted, before the network heals
 * @param behaviours Byzantine behaviours to draw from; empty for none. Byzantine replicas and
 *     crashing ones together never exceed f
 * @param faultyPrimary whether the primary of the first view may be among the faulty
 * @param checkLiveness whether every ballot must commit within {@code livenessBoundMillis} of
 *     the network healing (off for fault mixes the core under test cannot yet survive)
 * @param livenessBoundMillis that bound, in virtual milliseconds
 * @param maxSteps deliveries after which the run stops and fails: a guard against message storms
 * @param cores how to build each replica's core
 */
public record SimOptions(String profile, int replicas, int ballots, double maxDropRate, double maxDuplicateRate, long maxDelayMillis,
                         boolean partitions, boolean crashes, boolean powerCuts, Set<Behaviour> behaviours,
                         boolean faultyPrimary, boolean checkLiveness, long livenessBoundMillis, int maxSteps, CoreFactory cores) {
  public static final String ALL_FAULTS = "all-faults";
  public static final String NORMAL_CASE = "normal-case";
  public static final String SAFETY_ONLY = "safety-only";
  public static final String CUSTOM = "custom";

  public SimOptions {
    if (replicas < 4 || (replicas - 1) % 3 != 0) {
      throw new IllegalArgumentException("replicas must be 3f+1 with f >= 1, got " + replicas);
    }
    if (ballots < 1 || maxDelayMillis < 1 || livenessBoundMillis < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("ballots, maxDelayMillis, livenessBoundMillis and maxSteps must be positive");
    }
    if (maxDropRate < 0 || maxDropRate >= 1 || maxDuplicateRate < 0 || maxDuplicateRate >= 1) {
      throw new IllegalArgumentException("drop and duplicate rates must be in [0, 1)");
    }
    behaviours = behaviours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(behaviours));
    if (cores == null) {
      throw new IllegalArgumentException("a simulation needs a core factory");
    }
  }

  /**
   * A named profile: {@value #ALL_FAULTS} (every fault the simulation knows, liveness checked),
   * {@value #NORMAL_CASE} (no losses or partitions and an honest first primary: what the normal
   * case survives without a view change) or {@value #SAFETY_ONLY} (every fault, liveness not
   * checked).
   */
  public static SimOptions profile(String name, int replicas) {
    return switch (name) {
      case ALL_FAULTS -> allFaults(replicas);
      case NORMAL_CASE -> allFaults(replicas).withoutLosses().withHonestFirstPrimary()
          .withBehaviours(EnumSet.of(Behaviour.SILENT, Behaviour.EQUIVOCATING_BACKUP, Behaviour.FORGER,
              Behaviour.REPLAYER)).named(NORMAL_CASE);
      case SAFETY_ONLY -> allFaults(replicas).withoutLiveness().named(SAFETY_ONLY);
      default -> throw new IllegalArgumentException("unknown profile " + name + "; one of " + ALL_FAULTS + ", "
          + NORMAL_CASE + ", " + SAFETY_ONLY);
    };
  }

  /** Every fault the simulation knows, for n replicas, with liveness checked. */
  public static SimOptions allFaults(int replicas) {
    return new SimOptions(ALL_FAULTS, replicas, 24, 0.2, 0.1, 40, true, true, false, EnumSet.allOf(Behaviour.class),
        true, true, 30_000, 200_000, CoreFactory.REAL);
  }

  private SimOptions named(String name) {
    return new SimOptions(name, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, behaviours, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  public SimOptions withBallots(int count) {
    return new SimOptions(CUSTOM, replicas, count, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, behaviours, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  /** No losses and no partitions: the network only delays, duplicates and reorders. */
  public SimOptions withoutLosses() {
    return new SimOptions(CUSTOM, replicas, ballots, 0, maxDuplicateRate, maxDelayMillis, false, crashes, powerCuts,
        behaviours, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  public SimOptions withBehaviours(Set<Behaviour> allowed) {
    return new SimOptions(CUSTOM, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, allowed, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  /** Keeps the first primary honest and up. */
  public SimOptions withHonestFirstPrimary() {
    return new SimOptions(CUSTOM, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, behaviours, false, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  /** Every honest replica crashes at one moment and restarts from its log: a power cut of the whole cluster. */
  public SimOptions withPowerCuts() {
    return new SimOptions(CUSTOM, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        true, behaviours, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, cores);
  }

  public SimOptions withoutLiveness() {
    return new SimOptions(CUSTOM, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, behaviours, faultyPrimary, false, livenessBoundMillis, maxSteps, cores);
  }

  public SimOptions withCores(CoreFactory factory) {
    return new SimOptions(CUSTOM, replicas, ballots, maxDropRate, maxDuplicateRate, maxDelayMillis, partitions, crashes,
        powerCuts, behaviours, faultyPrimary, checkLiveness, livenessBoundMillis, maxSteps, factory);
  }
}
