package io.bftvote.replica.core;

import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;
import java.util.Objects;

/**
 * A restarted replica takes back what it had said (its write-ahead log) and says it again, word
 * for word: it must never sign something else for a (view, sequence, phase) it already signed.
 * Its last stable checkpoint comes back with its proof; its view is the latest it spoke in (the
 * view of its last view-change, new-view or normal-case message). The batches of the pre-prepares
 * it accepted come back too, into its batch store only (see {@link Action.LogAccepted}).
 */
final class Restoration {
  private final ReplicaState state;
  private final NormalCase normal;
  private final CheckpointProtocol checkpoints;
  private final ViewChangeProtocol viewChanges;
  private final ViewChangeGuards guards;

  Restoration(ReplicaState state, NormalCase normal, CheckpointProtocol checkpoints, ViewChangeProtocol viewChanges,
              ViewChangeGuards guards) {
    this.state = state;
    this.normal = normal;
    this.checkpoints = checkpoints;
    this.viewChanges = viewChanges;
    this.guards = guards;
  }

  void restore(Event.Restored restored, List<Action> actions) {
    restoreStableCheckpoint(restored.stableCheckpoint(), actions);
    // Before the own messages: a restored NEW-VIEW installs at once and looks for its batches.
    restored.accepted().forEach(accepted -> restoreAcceptedBatch(accepted, actions));
    for (ConsensusMessage own : restored.ownSigned()) {
      if (own.sender() != state.id()) {
        actions.add(new Action.Rejected(own, Reason.RESTORED_NOT_OWN));
        continue;
      }
      switch (own.phase()) {
        case CHECKPOINT -> checkpoints.restoreOwn(own, actions);
        case VIEW_CHANGE -> restoreViewChange(own, restored.now(), actions);
        case NEW_VIEW -> viewChanges.restoreNewView(own, restored.now(), actions);
        case PRE_PREPARE, PREPARE, COMMIT -> restoreOrdering(own, actions);
      }
    }
  }

  private void restoreStableCheckpoint(List<ConsensusMessage> proof, List<Action> actions) {
    if (proof.isEmpty()) {
      return;
    }
    long sequence = proof.get(0).sequence();
    if (guards.checkpointProblem(sequence, proof) != null) {
      actions.add(new Action.Rejected(proof.get(0), Reason.UNPROVEN_CHECKPOINT));
      return;
    }
    state.adoptStable(new StableCheckpoint(sequence, proof.get(0).digest(), proof), actions);
  }

  /**
   * The batch of a pre-prepare another primary sent and this replica accepted before the
   * restart: kept again, so that a NEW-VIEW re-proposing its digest finds it here even if every
   * replica restarted before anyone executed it. Only the batch store takes it. This replica did
   * not sign it, so it is never sent again; and it touches neither the log, the view nor the
   * proposal counter, so a restored backup never takes itself for the primary (the prepare it
   * signed comes back with its own messages, the pre-prepare from the primary, as before).
   * Checked against its digest like any batch: that binding, not a signature, is what makes a
   * batch trustworthy.
   */
  private void restoreAcceptedBatch(ConsensusMessage accepted, List<Action> actions) {
    String problem = acceptedBatchProblem(accepted);
    if (problem != null) {
      actions.add(new Action.Rejected(accepted, problem));
    } else if (!state.log.isStale(accepted.sequence())) { // else settled since: its block is on the ledger
      state.batches.keep(accepted.sequence(), accepted.digest(), accepted.batch());
    }
  }

  private String acceptedBatchProblem(ConsensusMessage accepted) {
    if (accepted.phase() != Phase.PRE_PREPARE) {
      return Reason.RESTORED_NOT_PRE_PREPARE;
    }
    if (accepted.batch() == null || accepted.batch().stream().anyMatch(Objects::isNull)) {
      return Reason.MISSING_BATCH;
    }
    if (accepted.digest() == null || !accepted.digest().equals(BatchDigest.of(accepted.batch()))) {
      return Reason.DIGEST_MISMATCH;
    }
    return accepted.sequence() > state.log.high() ? Reason.OUTSIDE_WATERMARKS : null;
  }

  private void restoreViewChange(ConsensusMessage own, long now, List<Action> actions) {
    try {
      viewChanges.restoreViewChange(own, now, actions);
    } catch (Payloads.Malformed e) {
      actions.add(new Action.Rejected(own, Reason.MALFORMED_PAYLOAD));
    }
  }

  /**
   * A pre-prepare, prepare or commit: put back into the log as this replica's own, and sent
   * again. One from a later view means this replica had installed that view.
   */
  private void restoreOrdering(ConsensusMessage own, List<Action> actions) {
    if (own.view() < state.view || state.log.isStale(own.sequence())) {
      return; // an old view, or settled since it was signed: nothing left to say
    }
    if (own.view() > state.view || state.changingView) {
      state.view = own.view();
      state.changingView = false;
      state.log.clearSlots();
    }
    if (own.sequence() > state.log.high()) {
      actions.add(new Action.Rejected(own, Reason.OUTSIDE_WATERMARKS));
      return;
    }
    String problem = restore(own);
    actions.add(problem == null ? new Action.Broadcast(own) : new Action.Rejected(own, problem));
  }

  /**
   * Puts one of this replica's own messages back in the log. Refuses (and so does not send again)
   * one that conflicts with another restored message: the log holds one word per (view,
   * sequence, phase), and saying two would be equivocating.
   */
  private String restore(ConsensusMessage own) {
    Slot slot = state.log.slot(own.sequence());
    switch (own.phase()) {
      case PRE_PREPARE -> {
        if (slot.prePrepare() == null) {
          normal.acceptPrePrepare(slot, own);
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
      default -> throw new IllegalStateException("only normal-case phases are restored here, not " + own.phase());
    }
  }
}
