package io.bftvote.replica.sim;

import io.bftvote.replica.core.Action;
import io.bftvote.replica.core.Event;
import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulated replica: a {@link Pbft} core, its ledger and its sent log, wired together the way
 * the Kafka adapter wires them (edge checks, execute then report {@code Executed}, publish blocks,
 * catch up from published ones), and optionally a {@link Byzantine} mask over what it sends.
 */
final class SimReplica {
  /** Blocks from the blocks topic that wait for a gap to fill, at most this many. */
  static final int WAITING_BLOCKS_LIMIT = 64;
  /** Accepted pre-prepares the log keeps per sequence, as many as the adapter's sent log keeps. */
  static final int ACCEPTED_PER_SEQUENCE = 3;

  /** Where a replica's output goes: the simulated topics. */
  interface Wire {
    void consensus(int from, ConsensusMessage message, long now);

    void block(int from, CertifiedBlock block, long now);
  }

  private final int id;
  private final PbftConfig config;
  private final SimKeys keys;
  private final SimEdge edge;
  private final CoreFactory cores;
  private final Wire wire;
  private final Invariants invariants;
  private final Byzantine byzantine;
  private final SimLedger ledger;
  /** What this replica signed, as its write-ahead log holds it: it survives a crash. */
  private final List<ConsensusMessage> sentLog = new ArrayList<>();
  /**
   * Other primaries' pre-prepares this replica accepted, with their batches, as its write-ahead
   * log holds them: they survive a crash, and the core never logs them again.
   */
  private final List<ConsensusMessage> acceptedLog = new ArrayList<>();
  private final TreeMap<Long, CertifiedBlock> waitingBlocks = new TreeMap<>();
  private final Map<String, Integer> dropped = new TreeMap<>();
  /** The proof of the last stable checkpoint, persisted as the adapter persists it. */
  private List<ConsensusMessage> stableProof = List.of();
  private Pbft core;

  SimReplica(int id, PbftConfig config, SimKeys keys, CoreFactory cores, Wire wire, Invariants invariants,
             Byzantine byzantine, SimLedger ledger) {
    this.id = id;
    this.config = config;
    this.keys = keys;
    this.edge = new SimEdge(keys);
    this.cores = cores;
    this.wire = wire;
    this.invariants = invariants;
    this.byzantine = byzantine;
    this.ledger = ledger;
    this.core = cores.create(config, keys.signer(id), keys::verifies, 0, 0);
  }

  boolean isUp() {
    return core != null;
  }

  boolean isHonest() {
    return byzantine == null;
  }

  SimLedger ledger() {
    return ledger;
  }

  Pbft core() {
    return core;
  }

  /** Messages and blocks the edge refused, by reason. */
  Map<String, Integer> dropped() {
    return dropped;
  }

  void arrive(Arrival arrival, long now) {
    if (arrival instanceof Arrival.Crash) {
      core = null;
      waitingBlocks.clear();
      return;
    }
    if (arrival instanceof Arrival.Restart) {
      restart(now);
      return;
    }
    if (core == null) {
      return; // down: whatever arrives is lost to it
    }
    if (arrival instanceof Arrival.Request request) {
      request(request.ballot(), now);
    } else if (arrival instanceof Arrival.Message message) {
      message(message.message(), now);
    } else if (arrival instanceof Arrival.BlockPublished published) {
      catchUp(published.block(), now);
    } else if (arrival instanceof Arrival.Tick) {
      run(core.handle(new Event.Tick(now)), now);
    }
  }

  /** Back from the crash: a fresh core at the ledger's height, told what this replica had signed. */
  private void restart(long now) {
    if (core != null) {
      return;
    }
    List<ConsensusMessage> writeAheadLog = List.copyOf(sentLog);
    sentLog.clear(); // the core broadcasts what it keeps, which logs it again
    core = cores.create(config, keys.signer(id), keys::verifies, ledger.height(), 0);
    run(core.handle(new Event.Restored(writeAheadLog, List.copyOf(acceptedLog), stableProof, now)), now);
  }

  private void request(Ballot ballot, long now) {
    if (drop(edge.requestProblem(ballot)) || ledger.hasExecuted(ballot.requestId())) {
      return;
    }
    run(core.handle(new Event.RequestReceived(ballot, now)), now);
  }

  private void message(ConsensusMessage message, long now) {
    if (drop(edge.messageProblem(message))) {
      return;
    }
    if (byzantine != null) {
      byzantine.observe(message);
    }
    run(core.handle(new Event.MessageReceived(message, now)), now);
  }

  private boolean drop(String problem) {
    if (problem == null) {
      return false;
    }
    dropped.merge(problem, 1, Integer::sum);
    return true;
  }

  /** Runs the core's actions, and the actions that reporting an execution yields, until none are left. */
  private void run(List<Action> actions, long now) {
    Deque<Action> work = new ArrayDeque<>(actions);
    while (!work.isEmpty()) {
      Action action = work.poll();
      if (action instanceof Action.Broadcast broadcast) {
        log(broadcast.signed());
        send(broadcast.signed(), now);
      } else if (action instanceof Action.LogAccepted accepted) {
        logAccepted(accepted.prePrepare());
      } else if (action instanceof Action.Execute execute) {
        work.addAll(execute(execute, now));
      } else if (action instanceof Action.CheckpointStable stable) {
        stableProof = stable.proof();
        long settled = stable.sequence();
        sentLog.removeIf(m -> m.phase() == Phase.CHECKPOINT && m.sequence() <= settled);
      }
    }
  }

  /**
   * Appends to the sent log, keeping what the adapter's log keeps: messages a restart needs. A
   * view-change or new-view supersedes the earlier ones of its phase; a copy said again is not
   * logged twice.
   */
  private void log(ConsensusMessage signed) {
    if (signed.phase() == Phase.VIEW_CHANGE || signed.phase() == Phase.NEW_VIEW) {
      sentLog.removeIf(m -> m.phase() == signed.phase() && m.view() <= signed.view());
    } else if (sentLog.contains(signed)) {
      return;
    }
    sentLog.add(signed);
  }

  /** Appends an accepted pre-prepare, keeping the latest few per sequence as the adapter's log does. */
  private void logAccepted(ConsensusMessage prePrepare) {
    acceptedLog.add(prePrepare);
    if (acceptedLog.stream().filter(m -> m.sequence() == prePrepare.sequence()).count() > ACCEPTED_PER_SEQUENCE) {
      acceptedLog.remove(acceptedLog.stream().filter(m -> m.sequence() == prePrepare.sequence()).findFirst()
          .orElseThrow());
    }
  }

  private void send(ConsensusMessage signed, long now) {
    List<ConsensusMessage> out = byzantine == null ? List.of(signed) : byzantine.outgoing(signed);
    for (ConsensusMessage message : out) {
      wire.consensus(id, message, now);
    }
  }

  private List<Action> execute(Action.Execute e, long now) {
    if (e.sequence() <= ledger.height()) {
      String had = ledger.block(e.sequence()).digest();
      if (isHonest() && !had.equals(e.digest())) {
        invariants.violation("agreement: replica " + id + " committed digest " + e.digest().substring(0, 8)
            + " at " + e.sequence() + " after catching up a block with digest " + had.substring(0, 8));
      }
      return List.of();
    }
    if (e.sequence() != ledger.height() + 1) {
      invariants.violation("order: replica " + id + " was asked to execute " + e.sequence() + " at height "
          + ledger.height());
      return List.of();
    }
    Block block = ledger.execute(e.sequence(), e.batch());
    if (byzantine == null || byzantine.publishesBlocks()) {
      wire.block(id, new CertifiedBlock(block, e.certificate()), now);
    }
    List<Action> next = new ArrayList<>(executed(block, now));
    next.addAll(executeWaitingBlocks(now)); // one that came ahead of the gap this commit filled
    return next;
  }

  /** State transfer from the blocks topic: certified blocks, executed in exact height order. */
  private void catchUp(CertifiedBlock published, long now) {
    if (drop(edge.blockProblem(published)) || published.block().height() <= ledger.height()) {
      return;
    }
    waitingBlocks.putIfAbsent(published.block().height(), published);
    if (waitingBlocks.size() > WAITING_BLOCKS_LIMIT) {
      waitingBlocks.pollLastEntry();
    }
    run(executeWaitingBlocks(now), now);
  }

  /** Executes the waiting blocks that are next in line; returns what the core says to each. */
  private List<Action> executeWaitingBlocks(long now) {
    List<Action> actions = new ArrayList<>();
    while (!waitingBlocks.isEmpty() && waitingBlocks.firstKey() == ledger.height() + 1) {
      CertifiedBlock next = waitingBlocks.pollFirstEntry().getValue();
      Block block = ledger.execute(next.block().height(), next.block().ballots());
      actions.addAll(executed(block, now));
    }
    return actions;
  }

  private List<Action> executed(Block block, long now) {
    if (isHonest()) {
      invariants.executed(id, block, now);
    }
    waitingBlocks.headMap(block.height(), true).clear();
    sentLog.removeIf(m -> isOrdering(m) && m.sequence() <= block.height());
    acceptedLog.removeIf(m -> m.sequence() <= block.height());
    List<String> ids = block.ballots().stream().map(Ballot::requestId).toList();
    return core.handle(new Event.Executed(block.height(), ids, block.hash(), now));
  }

  /** Normal-case messages, which the sent log may forget once their sequence is executed. */
  private static boolean isOrdering(ConsensusMessage m) {
    return m.phase() == Phase.PRE_PREPARE || m.phase() == Phase.PREPARE || m.phase() == Phase.COMMIT;
  }
}
