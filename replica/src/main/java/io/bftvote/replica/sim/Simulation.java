package io.bftvote.replica.sim;

import io.bftvote.replica.core.PbftConfig;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Elections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A whole cluster of n {@link io.bftvote.replica.core.Pbft} cores in one thread, over a simulated
 * network and a virtual clock, everything drawn from one {@code Random(seed)} (TigerBeetle's VOPR,
 * FoundationDB's simulation): the same seed and options replay exactly. Voters submit ballots;
 * the seed's {@link Scenario} loses, duplicates, delays and reorders messages, partitions and
 * crashes replicas until it heals, and makes up to f replicas Byzantine. {@link Invariants} check
 * agreement and validity after every step, and liveness once the network has healed.
 */
public final class Simulation {
  static final long TICK_MILLIS = 10;
  /** How long a run without a liveness check goes on after the network heals. */
  static final long SAFETY_ONLY_HORIZON = 2_000;
  private static final List<String> CANDIDATES = List.of("alice", "bob", "carol");

  private record Submission(long at, Ballot ballot) {}

  private final long seed;
  private final SimOptions options;
  private final Random random;
  private final SimKeys keys;
  private final Scenario scenario;
  private final SimNetwork network;
  private final Invariants invariants;
  private final List<SimReplica> replicas = new ArrayList<>();
  private final List<Submission> submissions = new ArrayList<>();
  private final List<CertifiedBlock> blocksTopic = new ArrayList<>();
  private long now;
  private long steps;
  private long executionsChecked = -1;

  private Simulation(long seed, SimOptions options) {
    this.seed = seed;
    this.options = options;
    this.random = new Random(seed);
    this.keys = new SimKeys(options.replicas(), Math.max(1, options.ballots() * 3 / 4));
    this.scenario = Scenario.draw(random, options, keys.cluster().f());
    this.network = new SimNetwork(random, scenario, options.replicas(), options.maxDelayMillis());
    this.invariants = new Invariants(keys);
    Block genesis = Block.genesis(Elections.demo(), keys.cluster());
    SimReplica.Wire wire = new SimReplica.Wire() {
      @Override
      public void consensus(int from, ConsensusMessage message, long at) {
        network.multicast(from, message, at);
      }

      @Override
      public void block(int from, CertifiedBlock block, long at) {
        blocksTopic.add(block);
        network.durable(from, new Arrival.BlockPublished(block), at);
      }
    };
    for (int i = 0; i < options.replicas(); i++) {
      Behaviour behaviour = scenario.byzantine().get(i);
      Byzantine mask = behaviour == null ? null
          : new Byzantine(behaviour, i, options.replicas(), keys.signer(i), random);
      replicas.add(new SimReplica(i, config(i), keys, options.cores(), wire, invariants, mask,
          new SimLedger(genesis, Elections.demo())));
    }
  }

  /** Runs one seed to the end and says what the checkers found. */
  public static SimResult run(long seed, SimOptions options) {
    return new Simulation(seed, options).run();
  }

  /**
   * Small batches, windows and checkpoint intervals, so a few dozen ballots exercise batching,
   * watermarks and garbage collection; view change timeouts a few network round trips long.
   */
  private PbftConfig config(int id) {
    return new PbftConfig(id, keys.cluster(), 4, 10, 4, 16, 4, 300, 2_400);
  }

  private SimResult run() {
    scheduleSubmissions();
    scheduleTicksAndOutages();
    long settleFrom = Math.max(scenario.healAt(), Scenario.SUBMIT_UNTIL);
    long deadline = settleFrom + (options.checkLiveness() ? options.livenessBoundMillis() : SAFETY_ONLY_HORIZON);
    boolean settled = false;
    try {
      for (SimNetwork.Scheduled next = network.next(); next != null && next.at() <= deadline; next = network.next()) {
        now = next.at();
        deliver(next.replica(), next.arrival());
        if (++steps > options.maxSteps()) {
          invariants.violation("steps: still busy after " + options.maxSteps() + " deliveries at t=" + now + "ms");
        }
        if (!invariants.violations().isEmpty()) {
          break;
        }
        if (now >= settleFrom && invariants.executions() != executionsChecked) {
          executionsChecked = invariants.executions();
          if (settled = allCommitted()) {
            break;
          }
        }
      }
    } catch (RuntimeException e) {
      invariants.violation("crash: " + e + " at t=" + now + "ms, step " + steps + " at " + e.getStackTrace()[0]);
    }
    if (options.checkLiveness() && !settled && invariants.violations().isEmpty()) {
      invariants.violation("liveness: " + missingReport() + " by t=" + deadline + "ms, "
          + options.livenessBoundMillis() + "ms after the network healed");
    }
    return result();
  }

  private void deliver(int replica, Arrival arrival) {
    replicas.get(replica).arrive(arrival, now);
    if (arrival instanceof Arrival.Tick) {
      network.at(now + TICK_MILLIS, replica, arrival);
    } else if (arrival instanceof Arrival.Restart) {
      rereadTopics(replica);
    }
  }

  /** A restarted replica reads again what it has not executed from the requests and blocks topics. */
  private void rereadTopics(int replica) {
    SimLedger ledger = replicas.get(replica).ledger();
    for (Submission s : submissions) {
      if (s.at() <= now && !ledger.hasExecuted(s.ballot().requestId())) {
        network.durableTo(replica, new Arrival.Request(s.ballot()), now);
      }
    }
    for (CertifiedBlock block : blocksTopic) {
      if (block.block().height() > ledger.height()) {
        network.durableTo(replica, new Arrival.BlockPublished(block), now);
      }
    }
  }

  /**
   * Voters submit ballots over the first second: some voters twice (the second is rejected as
   * already-voted), some ballots twice (idempotent), some to an unknown candidate, and some
   * forged, which must never commit.
   */
  private void scheduleSubmissions() {
    for (int b = 0; b < options.ballots(); b++) {
      String candidate = b % 11 == 10 ? "dave" : CANDIDATES.get(random.nextInt(CANDIDATES.size()));
      Ballot ballot = keys.ballot(b % keys.voterCount(), "demo", candidate, "n-" + b);
      invariants.submitted(ballot);
      submit(ballot);
      if (random.nextInt(5) == 0) {
        submit(ballot);
      }
      if (b % 8 == 7) {
        submit(SimKeys.forged(ballot));
      }
    }
  }

  private void submit(Ballot ballot) {
    long at = random.nextInt((int) Scenario.SUBMIT_UNTIL);
    submissions.add(new Submission(at, ballot));
    for (int r = 0; r < replicas.size(); r++) {
      network.at(at + 1 + random.nextInt((int) options.maxDelayMillis()), r, new Arrival.Request(ballot));
    }
  }

  private void scheduleTicksAndOutages() {
    for (int r = 0; r < replicas.size(); r++) {
      network.at(random.nextInt((int) TICK_MILLIS), r, new Arrival.Tick());
    }
    scenario.outages().forEach((replica, outage) -> {
      network.at(outage.crashAt(), replica, new Arrival.Crash());
      network.at(outage.restartAt(), replica, new Arrival.Restart());
    });
  }

  /** True once every honest replica has executed every valid ballot. */
  private boolean allCommitted() {
    for (int r = 0; r < replicas.size(); r++) {
      if (replicas.get(r).isHonest() && invariants.missing(r) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Where every honest replica stands, so a liveness failure can be read from its report alone. */
  private String missingReport() {
    Map<Integer, String> state = new TreeMap<>();
    for (int r = 0; r < replicas.size(); r++) {
      SimReplica replica = replicas.get(r);
      if (!replica.isHonest()) {
        continue;
      }
      String where = invariants.missing(r) + " missing, height " + replica.ledger().height();
      if (replica.isUp()) {
        var core = replica.core();
        where += ", view " + core.view() + (core.isChangingView() ? " (changing)" : "") + ", stable "
            + core.stableCheckpoint() + ", pending " + core.pendingRequests();
      } else {
        where += ", down";
      }
      state.put(r, where);
    }
    return "honest replicas did not commit all " + invariants.submittedCount() + " ballots: " + state;
  }

  private SimResult result() {
    long height = Long.MAX_VALUE;
    long view = 0;
    Map<String, Integer> dropped = new TreeMap<>();
    for (SimReplica replica : replicas) {
      if (replica.isHonest()) {
        height = Math.min(height, replica.ledger().height());
        view = replica.isUp() ? Math.max(view, replica.core().view()) : view;
        replica.dropped().forEach((reason, count) -> dropped.merge(reason, count, Integer::sum));
      }
    }
    return new SimResult(seed, options.profile(), options.replicas(), scenario.toString(), invariants.violations(), steps, now, height,
        view, network.lost(), dropped, invariants.fingerprint());
  }
}
