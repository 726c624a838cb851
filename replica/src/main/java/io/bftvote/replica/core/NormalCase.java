package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;

/**
 * The normal case of PBFT §4.2 within one view: the primary orders requests with pre-prepares,
 * every replica prepares and commits, and a committed-local batch is executed strictly in
 * sequence order. Also how a replica takes up the pre-prepares a NEW-VIEW proposes again.
 */
final class NormalCase {
  private final ReplicaState state;
  private final Guards guards;

  NormalCase(ReplicaState state, Guards guards) {
    this.state = state;
    this.guards = guards;
  }

  /**
   * A pre-prepare, prepare or commit of the current view. Returns why the primary must be
   * replaced at once (it signed two pre-prepares for one sequence), or null.
   */
  String onMessage(ConsensusMessage message, List<Action> actions) {
    if (message.phase() == Phase.PRE_PREPARE) {
      return onPrePrepare(message, actions);
    }
    String problem = message.phase() == Phase.PREPARE ? guards.prepareProblem(message) : guards.commitProblem(message);
    onVote(message, problem, actions);
    return null;
  }

  /** §4.2: a backup accepts a valid pre-prepare, logs it, and multicasts a matching prepare. */
  private String onPrePrepare(ConsensusMessage prePrepare, List<Action> actions) {
    if (provesEquivocation(prePrepare)) {
      actions.add(new Action.Rejected(prePrepare, Reason.CONFLICTING_PRE_PREPARE)); // counted, and the sender named
      return "primary " + prePrepare.sender() + " equivocated at sequence " + prePrepare.sequence();
    }
    String problem = guards.prePrepareProblem(prePrepare);
    if (problem != null) {
      actions.add(new Action.Rejected(prePrepare, problem));
      return null;
    }
    Slot slot = state.log.slot(prePrepare.sequence());
    if (slot.prePrepare() == null) { // else the same pre-prepare again (the guards refused a different one)
      if (prePrepare.sender() != state.id() && state.batchFor(prePrepare.sequence(), prePrepare.digest()) == null) {
        // Before the prepare it leads to: the batch must outlive a restart of every replica (see LogAccepted).
        // A batch already kept is already in the log: each came in through here, a restore or an own proposal.
        actions.add(new Action.LogAccepted(prePrepare));
      }
      acceptAndPrepare(slot, prePrepare, actions);
    }
    return null;
  }

  /**
   * True if the current primary signed this pre-prepare's digest for a sequence it already signed
   * another digest for, whoever either was addressed to. Both signatures are the primary's, so
   * this proves it faulty without trusting anyone else.
   */
  private boolean provesEquivocation(ConsensusMessage prePrepare) {
    boolean fromCurrentPrimary = prePrepare.view() == state.view && prePrepare.sender() == state.primary()
        && prePrepare.sender() != state.id() && prePrepare.digest() != null;
    return fromCurrentPrimary && state.log.withinWatermarks(prePrepare.sequence())
        && state.log.slot(prePrepare.sequence()).notePrimarySigned(prePrepare);
  }

  /**
   * A pre-prepare of O in a NEW-VIEW (§4.4), checked against V already: taken up like any other,
   * with its batch if this replica has it. Without it, this replica still prepares and commits:
   * V proves the digest prepared in an earlier view, so 2f+1 replicas checked its batch then, and
   * at least f+1 honest ones hold it. Only execution waits; the block comes from one of them.
   * Nothing is logged: a batch attached here came from {@link Batches}, so the write-ahead log
   * already holds it at this sequence (or this replica proposed it itself).
   */
  void acceptReproposal(ConsensusMessage prePrepare, List<Action> actions) {
    Slot slot = state.log.slot(prePrepare.sequence());
    if (slot.prePrepare() == null) {
      acceptAndPrepare(slot, prePrepare, actions);
    }
  }

  private void acceptAndPrepare(Slot slot, ConsensusMessage prePrepare, List<Action> actions) {
    acceptPrePrepare(slot, prePrepare);
    if (prePrepare.sender() != state.id() && slot.prepareFrom(state.id()) == null) {
      ConsensusMessage prepare = state.sign(Phase.PREPARE, prePrepare.sequence(), prePrepare.digest());
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
    Slot slot = state.log.slot(vote.sequence());
    Votes.Added added = vote.phase() == Phase.PREPARE ? slot.addPrepare(vote) : slot.addCommit(vote);
    if (added == Votes.Added.CONFLICTING) {
      actions.add(new Action.Rejected(vote, Reason.CONFLICTING_VOTE));
    } else if (added == Votes.Added.COUNTED) {
      advance(slot, actions);
    }
  }

  /**
   * §4.2: once prepared, remember the certificate (a view change may need it) and multicast a
   * commit (once); then execute whatever is now in order. The certificate is remembered even when
   * the commit was already signed: a replica restarted from its log has its commit back but not
   * the certificate, which it rebuilds from the prepares its peers send again — leaving it out of
   * P would let the next view reuse a sequence this replica may have helped commit.
   */
  void advance(Slot slot, List<Action> actions) {
    if (slot.prepared() && !state.prepared.holds(slot.sequence(), slot.prePrepare().view())) {
      state.prepared.offer(slot.preparedCertificate());
    }
    if (slot.prepared() && slot.commitFrom(state.id()) == null) {
      ConsensusMessage commit = state.sign(Phase.COMMIT, slot.sequence(), slot.prePrepare().digest());
      slot.addCommit(commit);
      actions.add(new Action.Broadcast(commit));
    }
    emitExecutable(actions);
  }

  /**
   * §4.2: a replica executes the request of sequence n once it is committed-local and every
   * lower sequence was executed. Execute only asks; lastExecuted moves when the ledger reports it.
   * A re-proposal whose batch this replica does not hold waits for its certified block from a
   * replica that does (the adapter's catch-up reports it as executed), and so does all after it.
   */
  void emitExecutable(List<Action> actions) {
    for (Slot slot = state.log.find(state.executionEmitted + 1);
         slot != null && slot.committedLocal() && slot.prePrepare().batch() != null;
         slot = state.log.find(state.executionEmitted + 1)) {
      ConsensusMessage prePrepare = slot.prePrepare();
      actions.add(new Action.Execute(slot.sequence(), prePrepare.view(), prePrepare.batch(),
          prePrepare.digest(), slot.certificate()));
      state.executionEmitted = slot.sequence();
    }
  }

  /**
   * Logs an accepted pre-prepare and keeps its batch, which a later view may need; its requests
   * are in flight unless that sequence already executed.
   */
  void acceptPrePrepare(Slot slot, ConsensusMessage prePrepare) {
    slot.acceptPrePrepare(prePrepare);
    if (prePrepare.batch() != null) {
      state.batches.keep(prePrepare.sequence(), prePrepare.digest(), prePrepare.batch());
      if (prePrepare.sequence() > state.lastExecuted) {
        state.requests.inFlight(prePrepare.sequence(), prePrepare.batch());
      }
    }
    state.lastProposed = Math.max(state.lastProposed, prePrepare.sequence());
  }

  /**
   * The primary proposes the oldest pending ballots once a full batch is waiting or the oldest has
   * waited batchDelay, while fewer than {@code window} sequences are in flight and the next one
   * is inside the watermarks.
   */
  void proposeReadyBatches(long now, List<Action> actions) {
    PbftConfig config = state.config;
    RequestQueue requests = state.requests;
    while (state.isPrimary() && requests.pendingCount() > 0
        && state.lastProposed < state.lastExecuted + config.window() && state.lastProposed < state.log.high()
        && (requests.pendingCount() >= config.maxBatch() || now - requests.oldestSince() >= config.batchDelayMillis())) {
      List<Ballot> batch = requests.oldest(config.maxBatch());
      long sequence = state.lastProposed + 1;
      ConsensusMessage prePrepare = state.signer.sign(
          ConsensusMessage.of(Phase.PRE_PREPARE, state.view, sequence, BatchDigest.of(batch), state.id())
              .withBatch(batch));
      Slot slot = state.log.slot(sequence);
      acceptPrePrepare(slot, prePrepare);
      actions.add(new Action.Broadcast(prePrepare));
      advance(slot, actions);
    }
  }
}
