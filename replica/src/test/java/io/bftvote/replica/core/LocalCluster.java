package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * n {@link Pbft} replicas in one thread over an in-memory network: every broadcast goes to every
 * other replica, first in first out, and every Execute is reported back as Executed, as the
 * adapter does. Time is a virtual clock. The seed of the deterministic multi-replica simulation.
 */
final class LocalCluster {
  private record Delivery(int replica, Event event) {}

  private final List<Pbft> replicas = new ArrayList<>();
  private final List<List<Action.Execute>> executed = new ArrayList<>();
  private final List<List<Action.Rejected>> rejected = new ArrayList<>();
  private final List<List<ConsensusMessage>> sent = new ArrayList<>();
  private final List<List<ConsensusMessage>> accepted = new ArrayList<>();
  private final List<String> heads = new ArrayList<>();
  /** Events a replica's own adapter feeds back; they go before anything from the network. */
  private final Deque<Delivery> local = new ArrayDeque<>();
  private final Deque<Delivery> network = new ArrayDeque<>();
  private BiPredicate<Integer, ConsensusMessage> lost = (recipient, message) -> false;
  private long now;

  LocalCluster(int n, IntFunction<Pbft> replicaFactory) {
    for (int i = 0; i < n; i++) {
      replicas.add(replicaFactory.apply(i));
      executed.add(new ArrayList<>());
      rejected.add(new ArrayList<>());
      sent.add(new ArrayList<>());
      accepted.add(new ArrayList<>());
      heads.add(Block.NO_PREVIOUS);
    }
  }

  /** A hash chain over the executed digests: the ledger head a checkpoint signs, without a ledger. */
  private String head(int replica, Action.Execute execute) {
    String next = Bytes.sha256Hex(Bytes.utf8(heads.get(replica) + '\n' + execute.sequence() + '\n' + execute.digest()));
    heads.set(replica, next);
    return next;
  }

  /** Drops every message for which {@code rule(recipient, message)} holds, from now on. */
  void loseWhen(BiPredicate<Integer, ConsensusMessage> rule) {
    lost = rule;
  }

  /** A client ballot, as every replica reads it from the requests topic. */
  void submit(Ballot ballot) {
    for (int i = 0; i < replicas.size(); i++) {
      network.add(new Delivery(i, new Event.RequestReceived(ballot, now)));
    }
  }

  /** Moves the virtual clock and ticks every replica. */
  void advanceClock(long millis) {
    now += millis;
    for (int i = 0; i < replicas.size(); i++) {
      network.add(new Delivery(i, new Event.Tick(now)));
    }
  }

  /** Delivers until nothing is left in flight; fails if that takes more than {@code maxSteps}. */
  int runUntilQuiet(int maxSteps) {
    int steps = 0;
    while (!local.isEmpty() || !network.isEmpty()) {
      if (++steps > maxSteps) {
        throw new AssertionError("still busy after " + maxSteps + " deliveries");
      }
      Delivery next = local.isEmpty() ? network.poll() : local.poll();
      perform(next.replica(), replicas.get(next.replica()).handle(next.event()));
    }
    return steps;
  }

  private void perform(int replica, List<Action> actions) {
    for (Action action : actions) {
      if (action instanceof Action.Broadcast broadcast) {
        sent.get(replica).add(broadcast.signed());
        broadcastFrom(replica, broadcast.signed());
      } else if (action instanceof Action.LogAccepted logged) {
        accepted.get(replica).add(logged.prePrepare());
      } else if (action instanceof Action.Execute execute) {
        executed.get(replica).add(execute);
        List<String> ids = execute.batch().stream().map(Ballot::requestId).toList();
        local.add(new Delivery(replica, new Event.Executed(execute.sequence(), ids, head(replica, execute), now)));
      } else if (action instanceof Action.Rejected refusal) {
        rejected.get(replica).add(refusal);
      }
    }
  }

  private void broadcastFrom(int sender, ConsensusMessage message) {
    for (int i = 0; i < replicas.size(); i++) {
      if (i != sender && !lost.test(i, message)) {
        network.add(new Delivery(i, new Event.MessageReceived(message, now)));
      }
    }
  }

  /**
   * Replaces a crashed replica by a fresh one that restores what it had signed and the
   * pre-prepares it had accepted (its write-ahead log: everything it broadcast or logged so far).
   * Its executed blocks survive, as its ledger would.
   */
  void restart(int replica, Pbft fresh) {
    replicas.set(replica, fresh);
    List<ConsensusMessage> writeAheadLog = List.copyOf(sent.get(replica));
    sent.get(replica).clear();
    perform(replica, fresh.handle(new Event.Restored(writeAheadLog, List.copyOf(accepted.get(replica)), List.of(),
        now)));
  }

  /** Everything in flight is lost: what a power cut of the whole cluster does to the network. */
  void loseEverythingInFlight() {
    network.clear();
  }

  Pbft replica(int i) {
    return replicas.get(i);
  }

  int size() {
    return replicas.size();
  }

  List<Action.Execute> executed(int replica) {
    return executed.get(replica);
  }

  List<Action.Rejected> rejected(int replica) {
    return rejected.get(replica);
  }

  /** The pre-prepares of others that replica {@code replica} logged as accepted, in order. */
  List<ConsensusMessage> accepted(int replica) {
    return accepted.get(replica);
  }

  /** Everything replica {@code replica} broadcast, in order. */
  List<ConsensusMessage> sent(int replica) {
    return sent.get(replica);
  }
}
