package io.bftvote.replica.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The faults one seed injects, drawn from the seed before the run starts, so a failing seed can
 * say what it did. Everything but the Byzantine replicas stops at {@code healAt}: from then on the
 * network delays but never loses, and every crashed replica is back.
 *
 * @param byzantine the faulty replicas and how they misbehave
 * @param outages honest replicas that crash and restart from what they persisted
 * @param dropRate chance that a consensus message to one replica is lost, before healAt
 * @param duplicateRate chance that it arrives twice, before healAt
 * @param partitions windows of time in which a group of replicas is cut off from the rest
 * @param healAt virtual millisecond after which the network is reliable and all are up
 */
record Scenario(Map<Integer, Behaviour> byzantine, Map<Integer, Outage> outages, double dropRate,
                double duplicateRate, List<Partition> partitions, long healAt) {
  /** Submissions are spread over this first stretch of virtual time. */
  static final long SUBMIT_UNTIL = 1_000;

  record Outage(long crashAt, long restartAt) {}

  record Partition(long from, long until, Set<Integer> side) {
    boolean separates(int a, int b, long now) {
      return now >= from && now < until && side.contains(a) != side.contains(b);
    }
  }

  static Scenario draw(Random random, SimOptions options, int f) {
    int n = options.replicas();
    List<Integer> ids = new ArrayList<>();
    for (int i = options.faultyPrimary() ? 0 : 1; i < n; i++) {
      ids.add(i);
    }
    Collections.shuffle(ids, random);
    long healAt = 500 + random.nextInt(2_000);
    List<Behaviour> allowed = List.copyOf(new TreeSet<>(options.behaviours()));
    int byzantineCount = allowed.isEmpty() ? 0 : random.nextInt(f + 1);
    Map<Integer, Behaviour> byzantine = new TreeMap<>();
    for (int i = 0; i < byzantineCount; i++) {
      byzantine.put(ids.get(i), allowed.get(random.nextInt(allowed.size())));
    }
    int crashCount = options.crashes() ? random.nextInt(f - byzantineCount + 1) : 0;
    Map<Integer, Outage> outages = new TreeMap<>();
    for (int i = byzantineCount; i < byzantineCount + crashCount; i++) {
      long crashAt = random.nextInt((int) healAt);
      outages.put(ids.get(i), new Outage(crashAt, crashAt + 1 + random.nextInt((int) (healAt - crashAt))));
    }
    if (options.powerCuts()) {
      outages = powerCut(random, options, byzantine, healAt);
    }
    double drop = random.nextDouble() * options.maxDropRate();
    double duplicate = random.nextDouble() * options.maxDuplicateRate();
    return new Scenario(byzantine, outages, drop, duplicate, partitions(random, options, healAt), healAt);
  }

  /**
   * Every honest replica goes down at one moment, more than f at once, and each comes back from
   * what it persisted alone, at its own time before the network heals.
   */
  private static Map<Integer, Outage> powerCut(Random random, SimOptions options, Map<Integer, Behaviour> byzantine,
                                               long healAt) {
    long cutAt = random.nextInt((int) healAt);
    Map<Integer, Outage> outages = new TreeMap<>();
    for (int r = 0; r < options.replicas(); r++) {
      if (!byzantine.containsKey(r)) {
        outages.put(r, new Outage(cutAt, cutAt + 1 + random.nextInt((int) (healAt - cutAt))));
      }
    }
    return outages;
  }

  private static List<Partition> partitions(Random random, SimOptions options, long healAt) {
    if (!options.partitions()) {
      return List.of();
    }
    List<Partition> partitions = new ArrayList<>();
    for (int p = random.nextInt(3); p > 0; p--) {
      long from = random.nextInt((int) healAt);
      long until = from + 1 + random.nextInt((int) (healAt - from));
      Set<Integer> side = new TreeSet<>();
      for (int r = 0; r < options.replicas(); r++) {
        if (random.nextBoolean()) {
          side.add(r);
        }
      }
      partitions.add(new Partition(from, until, side));
    }
    return partitions;
  }

  boolean isByzantine(int replica) {
    return byzantine.containsKey(replica);
  }

  boolean separated(int a, int b, long now) {
    for (Partition p : partitions) {
      if (p.separates(a, b, now)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.format("byzantine=%s outages=%s drop=%.3f duplicate=%.3f partitions=%s healAt=%d",
        byzantine, outages, dropRate, duplicateRate, partitions, healAt);
  }
}
