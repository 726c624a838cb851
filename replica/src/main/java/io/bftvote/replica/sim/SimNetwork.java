package io.bftvote.replica.sim;

import io.bftvote.topics.ConsensusMessage;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The simulated Kafka: one queue of arrivals ordered by virtual time (ties by the order they were
 * scheduled), so one thread and one {@link Random} decide everything. Consensus messages may be
 * lost, duplicated, delayed and so reordered, and are cut by partitions, until the scenario heals;
 * the requests and blocks topics are durable, so their records are only delayed.
 */
final class SimNetwork {
  /** More arrivals in flight than this means the protocol is flooding the network: the run fails. */
  static final int CAPACITY = 500_000;

  record Scheduled(long at, long order, int replica, Arrival arrival) {}

  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::order));
  private final Random random;
  private final Scenario scenario;
  private final int n;
  private final long maxDelay;
  private long order;
  private long lost;

  SimNetwork(Random random, Scenario scenario, int n, long maxDelay) {
    this.random = random;
    this.scenario = scenario;
    this.n = n;
    this.maxDelay = maxDelay;
  }

  void at(long time, int replica, Arrival arrival) {
    if (queue.size() >= CAPACITY) {
      throw new IllegalStateException("more than " + CAPACITY + " arrivals in flight: the network is flooded");
    }
    queue.add(new Scheduled(time, order++, replica, arrival));
  }

  /** Sends a consensus message from one replica to every other, through the faults of the scenario. */
  void multicast(int from, ConsensusMessage message, long now) {
    boolean faulty = now < scenario.healAt();
    for (int to = 0; to < n; to++) {
      if (to == from) {
        continue;
      }
      if (faulty && (scenario.separated(from, to, now) || random.nextDouble() < scenario.dropRate())) {
        lost++;
        continue;
      }
      at(now + delay(), to, new Arrival.Message(message));
      if (faulty && random.nextDouble() < scenario.duplicateRate()) {
        at(now + delay(), to, new Arrival.Message(message));
      }
    }
  }

  /** A record on a durable topic: every replica but the writer reads it, after a delay. */
  void durable(int from, Arrival arrival, long now) {
    for (int to = 0; to < n; to++) {
      if (to != from) {
        at(now + delay(), to, arrival);
      }
    }
  }

  /** The same, for one reader (a replica re-reading a topic after its restart). */
  void durableTo(int to, Arrival arrival, long now) {
    at(now + delay(), to, arrival);
  }

  Scheduled next() {
    return queue.poll();
  }

  long lost() {
    return lost;
  }

  private long delay() {
    return 1 + random.nextInt((int) maxDelay);
  }
}
