package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica's normal-case PBFT (Castro and Liskov, OSDI '99, §4.2) as a pure state machine.
 * The primary of the current view orders client requests into batches with pre-prepares; every
 * replica prepares, commits, and asks for a batch to be executed once it is committed-local,
 * strictly in sequence order.
 *
 * <p>Not thread-safe by design: one event thread owns it. Deterministic: the same events in the
 * same order give the same actions (Ed25519 signatures are deterministic too).
 */
public final class Pbft {
  private final PbftConfig config;
  private final Signer signer;
  private final MessageLog log;
  private final RequestQueue requests = new RequestQueue();
  private final Guards guards;
  private final long view;
  private long lastExecuted;
  /** Highest sequence handed to the adapter in an Execute; may run ahead of lastExecuted. */
  private long executionEmitted;
  /** Highest sequence with a pre-prepare in this view, so a primary never reuses a number. */
  private long lastProposed;

  /**
   * @param executedHeight the height the ledger has executed up to (0 for a fresh ledger)
   * @param view the view to start in
   */
  public Pbft(PbftConfig config, Signer signer, long executedHeight, long view) {
    if (config == null || signer == null) {
      throw new IllegalArgumentException("a replica needs its config and a signer");
    }
    if (executedHeight < 0 || view < 0) {
      throw new IllegalArgumentException(
          "executed height and view must not be negative, got " + executedHeight + " and " + view);
    }
    this.config = config;
    this.signer = signer;
    this.view = view;
    this.lastExecuted = executedHeight;
    this.executionEmitted = executedHeight;
    this.lastProposed = executedHeight;
    this.log = new MessageLog(executedHeight, config.watermarkWindow(), config.cluster().quorum());
    this.guards = new Guards(config, log, this::view);
  }

  public List<Action> handle(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("no event to handle");
    }
    List<Action> actions = new ArrayList<>();
    if (event instanceof Event.RequestReceived request) {
      onRequest(request.ballot(), request.now(), actions);
    } else if (event instanceof Event.MessageReceived received) {
      onMessage(received.message(), actions);
    } else if (event instanceof Event.Executed executed) {
      onExecuted(executed.height(), executed.requestIds(), actions);
    } else if (event instanceof Event.Restored restored) {
      onRestored(restored.ownSigned(), actions);
    } else if (!(event instanceof Event.Tick)) {
      throw new IllegalArgumentException("unknown event " + event);
    }
    proposeReadyBatches(event.now(), actions);
    return actions;
  }

  public long view() {
    return view;
  }

  public int primary() {
    return config.primary(view);
  }

  public boolean isPrimary() {
    return primary() == config.id();
  }

  public long lastExecuted() {
    return lastExecuted;
  }

  public long lastProposed() {
    return lastProposed;
  }

  public int pendingRequests() {
    return requests.pendingCount();
  }

  private void onRequest(Ballot ballot, long now, List<Action> actions) {
    if (requests.offer(ballot, now) == RequestQueue.Offered.FULL) {
      actions.add(new Action.Rejected(null, Reason.REQUEST_QUEUE_FULL));
    }
  }

  private void onMessage(ConsensusMessage message, List<Action> actions) {
    if (message.phase() == null) {
      actions.add(new Action.Rejected(message, Reason.UNSUPPORTED_PHASE));
      return;
    }
    if (log.isStale(message.sequence())) {
      return; // already executed: a late duplicate, normal on Kafka
    }
    switch (message.phase()) {
      case PRE_PREPARE -> onPrePrepare(message, actions);
      case PREPARE -> onVote(message, guards.prepareProblem(message), actions);
      case COMMIT -> onVote(message, guards.commitProblem(message), actions);
      default -> actions.add(new Action.Rejected(message, Reason.UNSUPPORTED_PHASE));
    }
  }

  /** §4.2: a backup accepts a valid pre-prepare, logs it, and multicasts a matching prepare. */
  private void onPrePrepare(ConsensusMessage prePrepare, List<Action> actions) {
    String problem = guards.prePrepareProblem(prePrepare);
    if (problem != null) {
      actions.add(new Action.Rejected(prePrepare, problem));
      return;
    }
    Slot slot = log.slot(prePrepare.sequence());
    if (slot.prePrepare() != null) {
      return; // the same pre-prepare again (the guards refused a different one)
    }
    acceptPrePrepare(slot, prePrepare);
    if (prePrepare.sender() != config.id() && slot.prepareFrom(config.id()) == null) {
      ConsensusMessage prepare = sign(Phase.PREPARE, prePrepare.sequence(), prePrepare.digest());
      slot.addPrepare(prepare);
      actions.add(new Action.Broadcast(prepare));
    }
    advance(slot, actions);
  }

  private void onVote(ConsensusMessage vote, String problem, List<Action> actions) {
    if (problem != null) {
      actions.add(new Action.Rejected(vote, problem));
      return;
    }
    Slot slot = log.slot(vote.sequence());
    Votes.Added added = vote.phase() == Phase.PREPARE ? slot.addPrepare(vote) : slot.addCommit(vote);
    if (added == Votes.Added.CONFLICTING) {
      actions.add(new Action.Rejected(vote, Reason.CONFLICTING_VOTE));
    } else if (added == Votes.Added.COUNTED) {
      advance(slot, actions);
    }
  }

  /** §4.2: once prepared, multicast a commit (once); then execute whatever is now in order. */
  private void advance(Slot slot, List<Action> actions) {
    if (slot.prepared() && slot.commitFrom(config.id()) == null) {
      ConsensusMessage commit = sign(Phase.COMMIT, slot.sequence(), slot.prePrepare().digest());
      slot.addCommit(commit);
      actions.add(new Action.Broadcast(commit));
    }
    emitExecutable(actions);
  }

  /**
   * §4.2: a replica executes the request of sequence n once it is committed-local and every
   * lower sequence was executed. Execute only asks; lastExecuted moves when the ledger reports it.
   */
  private void emitExecutable(List<Action> actions) {
    for (Slot slot = log.find(executionEmitted + 1); slot != null && slot.committedLocal();
         slot = log.find(executionEmitted + 1)) {
      ConsensusMessage prePrepare = slot.prePrepare();
      actions.add(new Action.Execute(slot.sequence(), prePrepare.view(), prePrepare.batch(),
          prePrepare.digest(), slot.certificate()));
      executionEmitted = slot.sequence();
    }
  }

  /** The ledger reached {@code height}, by executing or by catching up from certified blocks. */
  private void onExecuted(long height, List<String> requestIds, List<Action> actions) {
    if (height > lastExecuted) {
      lastExecuted = height;
      log.advanceLowTo(height);
    }
    executionEmitted = Math.max(executionEmitted, height);
    lastProposed = Math.max(lastProposed, height);
    requests.executed(height, requestIds);
    emitExecutable(actions);
  }

  /**
   * After a restart, put back what this replica signed and say it again, word for word: it must
   * never sign a different digest for a (view, sequence) it already signed.
   */
  private void onRestored(List<ConsensusMessage> ownSigned, List<Action> actions) {
    for (ConsensusMessage own : ownSigned) {
      String problem = restoreProblem(own);
      if (problem == null && log.isStale(own.sequence())) {
        continue; // executed since it was signed: nothing left to say
      }
      if (problem == null) {
        problem = restore(own);
      }
      actions.add(problem == null ? new Action.Broadcast(own) : new Action.Rejected(own, problem));
    }
  }

  private String restoreProblem(ConsensusMessage own) {
    if (own.sender() != config.id()) return Reason.RESTORED_NOT_OWN;
    if (own.phase() != Phase.PRE_PREPARE && own.phase() != Phase.PREPARE && own.phase() != Phase.COMMIT) {
      return Reason.UNSUPPORTED_PHASE;
    }
    if (own.view() != view) return Reason.WRONG_VIEW;
    if (own.sequence() > log.high()) return Reason.OUTSIDE_WATERMARKS;
    return null;
  }

  /**
   * Puts one of this replica's own messages back in the log. Refuses (and so does not send again)
   * one that conflicts with another restored message: the log holds one word per (view,
   * sequence, phase), and saying two would be equivocating.
   */
  private String restore(ConsensusMessage own) {
    Slot slot = log.slot(own.sequence());
    switch (own.phase()) {
      case PRE_PREPARE -> {
        if (slot.prePrepare() == null) {
          acceptPrePrepare(slot, own);
          return null;
        }
        return slot.prePrepare().digest().equals(own.digest()) ? null : Reason.CONFLICTING_PRE_PREPARE;
      }
      case PREPARE -> {
        return slot.addPrepare(own) == Votes.Added.CONFLICTING ? Reason.CONFLICTING_VOTE : null;
      }
      case COMMIT -> {
        return slot.addCommit(own) == Votes.Added.CONFLICTING ? Reason.CONFLICTING_VOTE : null;
      }
      default -> throw new IllegalStateException("restoreProblem lets only normal-case phases through");
    }
  }

  private void acceptPrePrepare(Slot slot, ConsensusMessage prePrepare) {
    slot.acceptPrePrepare(prePrepare);
    requests.inFlight(prePrepare.sequence(), prePrepare.batch());
    lastProposed = Math.max(lastProposed, prePrepare.sequence());
  }

  /**
   * The primary proposes the oldest pending ballots once a full batch is waiting or the oldest has
   * waited batchDelay, while fewer than {@code window} sequences are in flight.
   */
  private void proposeReadyBatches(long now, List<Action> actions) {
    while (isPrimary() && requests.pendingCount() > 0 && lastProposed < lastExecuted + config.window()
        && (requests.pendingCount() >= config.maxBatch()
            || now - requests.oldestSince() >= config.batchDelayMillis())) {
      List<Ballot> batch = requests.oldest(config.maxBatch());
      long sequence = lastProposed + 1;
      ConsensusMessage prePrepare = signer.sign(
          ConsensusMessage.of(Phase.PRE_PREPARE, view, sequence, BatchDigest.of(batch), config.id())
              .withBatch(batch));
      Slot slot = log.slot(sequence);
      acceptPrePrepare(slot, prePrepare);
      actions.add(new Action.Broadcast(prePrepare));
      advance(slot, actions);
    }
  }

  private ConsensusMessage sign(Phase phase, long sequence, String digest) {
    return signer.sign(ConsensusMessage.of(phase, view, sequence, digest, config.id()));
  }
}
