package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.admin.ReplicaStatus;
import io.bftvote.replica.byzantine.Misbehaviour;
import io.bftvote.replica.core.Action;
import io.bftvote.replica.core.Event;
import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.Reason;
import io.bftvote.replica.ledger.ExecutedBlock;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.replica.ledger.SentLog;
import io.bftvote.replica.ledger.StableCheckpointFile;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds events to the PBFT core and carries out the actions it returns. It owns the core, the
 * ledger and the sent log, and only the event loop's thread calls it, so none of them needs a lock
 * (the durability thread only syncs them).
 *
 * <p>Nothing leaves the replica before it is durable. A broadcast is appended to the sent log at
 * once, an executed block to the ledger, but neither file is synced here: {@link #flush()} hands
 * the turn's files and publications (consensus messages, blocks, replies, in the order the core
 * produced them) to the {@link GroupCommit}, which syncs each file once for many turns and only
 * then publishes. An accepted pre-prepare is appended the same way, before the prepare it led to,
 * and never published.
 *
 * <p>A Byzantine replica ({@code --byzantine}) runs the same honest core; its {@link Misbehaviour}
 * rewrites what the core asks for at the one place the core's actions come in, {@link #handle}.
 */
final class ActionRunner {
  private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);
  private final int id;
  private final Pbft core;
  private final Ledger ledger;
  private final SentLog sent;
  private final StableCheckpointFile stableCheckpoint;
  private final Outbox outbox;
  private final GroupCommit durability;
  private final CatchUp catchUp;
  private final ReplicaMetrics metrics;
  private final Milestones milestones;
  private final Misbehaviour misbehaviour;
  private final FirstTimeLog firstRejection = new FirstTimeLog();
  private final GroupCommit.Pending pending = new GroupCommit.Pending();

  ActionRunner(int id, Pbft core, Ledger ledger, SentLog sent, StableCheckpointFile stableCheckpoint, Outbox outbox,
               GroupCommit durability, ReplicaMetrics metrics) {
    this(id, core, ledger, sent, stableCheckpoint, outbox, durability, metrics, Misbehaviour.none());
  }

  ActionRunner(int id, Pbft core, Ledger ledger, SentLog sent, StableCheckpointFile stableCheckpoint, Outbox outbox,
               GroupCommit durability, ReplicaMetrics metrics, Misbehaviour misbehaviour) {
    this.id = id;
    this.core = core;
    this.ledger = ledger;
    this.sent = sent;
    this.stableCheckpoint = stableCheckpoint;
    this.outbox = outbox;
    this.durability = durability;
    this.catchUp = new CatchUp(ledger);
    this.metrics = metrics;
    this.milestones = new Milestones(id);
    this.misbehaviour = misbehaviour;
  }

  /**
   * After a restart: hands the core what this replica signed before, which it sends again as is,
   * the pre-prepares it accepted, whose batches it keeps, and the proof of its last stable
   * checkpoint. Not through {@link #handle}: a Byzantine replica's sent log already holds the lies
   * it told, and they go out again unchanged.
   */
  void restore(long now) {
    List<ConsensusMessage> restored = sent.restored();
    Set<ConsensusMessage> alreadyDurable = new HashSet<>(restored);
    run(core.handle(new Event.Restored(restored, sent.restoredAccepted(), stableCheckpoint.load(), now)), now,
        alreadyDurable);
  }

  void accept(Input input, long now) {
    if (input instanceof Input.RequestArrived r) {
      request(r.ballot(), r.offset(), now);
    } else if (input instanceof Input.RequestsRead r) {
      ledger.requests().readUpTo(r.nextOffset());
    } else if (input instanceof Input.MessageArrived m) {
      run(handle(new Event.MessageReceived(m.message(), now)), now);
    } else if (input instanceof Input.InvalidProposal p) {
      run(handle(new Event.InvalidProposal(p.prePrepare(), now)), now);
    } else if (input instanceof Input.BlockArrived b) {
      for (ExecutedBlock executed : catchUp.offer(b.block())) {
        executedBlock(executed, false);
        run(handle(executedEvent(executed, now)), now);
      }
    }
  }

  void tick(long now) {
    run(handle(new Event.Tick(now)), now);
  }

  /**
   * Hands this turn's appends and publications to the durability thread (waiting if it is far
   * behind). Throws if that thread failed: the loop must then stop rather than sign on unpublished.
   */
  void flush() throws InterruptedException {
    if (pending.isEmpty()) {
      durability.checkUsable();
      return;
    }
    durability.commit(pending.take());
  }

  ReplicaStatus status() {
    // What a crash cannot take back: the height a peer or operator may rely on.
    return new ReplicaStatus(id, core.view(), core.primary(), ledger.durableHeight(), core.stableCheckpoint(),
        ledger.durableHead(), metrics.misbehaving());
  }

  int pendingRequests() {
    return core.pendingRequests();
  }

  private void request(Ballot ballot, long offset, long now) {
    String requestId = ballot.requestId();
    if (ledger.hasExecuted(requestId)) {
      return; // a resubmission, or re-read after a restart: its reply was already sent
    }
    ledger.requests().received(requestId, offset);
    run(handle(new Event.RequestReceived(ballot, now)), now);
  }

  /** What the core asks for, as this replica chooses to carry it out: honestly, unless it is Byzantine. */
  private List<Action> handle(Event event) {
    return misbehaviour.apply(core.handle(event));
  }

  private void run(List<Action> actions, long now) {
    run(actions, now, Set.of());
  }

  /** Runs actions, and the actions that executing a block makes the core return, until none are left. */
  private void run(List<Action> actions, long now, Set<ConsensusMessage> alreadyDurable) {
    Deque<Action> work = new ArrayDeque<>(actions);
    while (!work.isEmpty()) {
      Action action = work.poll();
      if (action instanceof Action.Broadcast b) {
        broadcast(b.signed(), alreadyDurable.contains(b.signed()));
      } else if (action instanceof Action.LogAccepted a) {
        sent.appendAccepted(a.prePrepare()); // synced with the prepare that follows it, in this turn's group
        pending.appendedTo(sent);
      } else if (action instanceof Action.Execute e) {
        work.addAll(execute(e, now));
      } else if (action instanceof Action.Rejected r) {
        rejected(r);
      } else if (action instanceof Action.CheckpointStable c) {
        checkpointStable(c);
      } else if (action instanceof Action.ViewChanging v) {
        metrics.viewChangeStarted();
        log.warn("replica {}: view change {}→{}: {}", id, v.from(), v.to(), v.cause());
      } else if (action instanceof Action.ViewInstalled v) {
        log.info("replica {}: view {} installed, primary {}, {} sequence(s) of earlier views proposed again, {} of "
            + "them with a batch this replica lacks (executed from others' certified blocks)", id, v.view(),
            v.primary(), v.reproposed(), v.awaitingBatch());
      }
    }
    milestones.observe(core.view(), ledger.height(), ledger.head());
  }

  private void broadcast(ConsensusMessage signed, boolean alreadyDurable) {
    if (!alreadyDurable) {
      sent.append(signed);
      pending.appendedTo(sent);
    }
    pending.publish(() -> outbox.consensus(signed));
  }

  private List<Action> execute(Action.Execute e, long now) {
    if (e.sequence() <= ledger.height()) {
      checkSameAsExecuted(e);
      return List.of();
    }
    ExecutedBlock executed = ledger.execute(e.sequence(), e.batch(), e.certificate());
    executedBlock(executed, true);
    List<Action> next = new ArrayList<>(handle(executedEvent(executed, now)));
    for (ExecutedBlock caughtUp : catchUp.executedUpTo(executed.height())) {
      executedBlock(caughtUp, false);
      next.addAll(handle(executedEvent(caughtUp, now)));
    }
    return next;
  }

  /** The head hash goes with it: it is the state digest a checkpoint at this height signs. */
  private static Event.Executed executedEvent(ExecutedBlock executed, long now) {
    return new Event.Executed(executed.height(), executed.requestIds(), executed.certified().block().hash(), now);
  }

  /** Keeps the proof for a restart; the log below it is already pruned as blocks execute. */
  private void checkpointStable(Action.CheckpointStable stable) {
    stableCheckpoint.save(stable.proof());
    log.info("replica {}: checkpoint {} is stable (head {}), the log below it is discarded", id, stable.sequence(),
        stable.digest().substring(0, 12));
  }

  /**
   * Publishes the results of a block the ledger executed (a caught-up block is already on the
   * topic) once the ledger holds it durably. The sent log forgets only below the durable height: a
   * rotation drops what it forgot, and a block that a crash could still take back would leave this
   * replica free to sign its sequence again, differently.
   */
  private void executedBlock(ExecutedBlock executed, boolean publishBlock) {
    pending.appendedTo(ledger);
    sent.prune(ledger.durableHeight());
    if (misbehaviour.publishesResults()) {
      if (publishBlock) {
        pending.publish(() -> outbox.block(executed.certified()));
      }
      pending.publish(() -> outbox.replies(executed));
    }
    metrics.blockExecuted();
    executed.outcomes().forEach(metrics::ballotExecuted);
  }

  /**
   * Rejections that prove the sender lied: its own valid signature on a second digest for one slot.
   * Other reasons (a wrong view, a stale sequence) are what an honest but slow replica also sends.
   */
  private static final Set<String> PROOF_OF_MISBEHAVIOUR = Set.of(Reason.CONFLICTING_PRE_PREPARE, Reason.CONFLICTING_VOTE);

  /** The core committed a sequence the ledger already has (caught up meanwhile): they must agree. */
  private void checkSameAsExecuted(Action.Execute e) {
    String executedDigest = ledger.block(e.sequence()).map(b -> b.block().digest()).orElse(null);
    if (!e.digest().equals(executedDigest)) {
      log.error("replica {}: SAFETY VIOLATION: committed digest {} at sequence {} but the ledger executed {} there",
          id, e.digest(), e.sequence(), executedDigest);
    }
  }

  private void rejected(Action.Rejected r) {
    metrics.rejected(r.reason());
    if (r.message() != null && PROOF_OF_MISBEHAVIOUR.contains(r.reason())
        && metrics.misbehaved(r.message().sender(), r.reason())) {
      log.warn("replica {} caught replica {} misbehaving: {} ({})", id, r.message().sender(), r.reason(), r.message());
    }
    if (firstRejection.firstTime(r.reason())) {
      log.info("replica {} rejected {}: {} (first time; later ones are only counted in /metrics)", id,
          r.message() == null ? "a client request" : r.message(), r.reason());
    } else if (log.isDebugEnabled()) {
      log.debug("replica {} rejected {}: {}", id, r.message(), r.reason());
    }
  }
}
