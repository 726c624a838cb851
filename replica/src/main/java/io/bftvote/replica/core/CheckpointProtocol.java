package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;

/**
 * Checkpoints and garbage collection (PBFT §4.3): every K sequence numbers a replica signs
 * ⟨CHECKPOINT, n, d, i⟩ with d the head hash of its ledger at n, and when 2f+1 replicas signed
 * the same d the checkpoint is stable: the log and the P set below it go, and the watermarks move
 * up. A checkpoint message carries view 0: it is about the state, not about any view.
 */
final class CheckpointProtocol {
  private final ReplicaState state;
  private final Guards guards;

  CheckpointProtocol(ReplicaState state, Guards guards) {
    this.state = state;
    this.guards = guards;
  }

  /** Counts a peer's checkpoint; true if it made one stable. */
  boolean onCheckpoint(ConsensusMessage checkpoint, List<Action> actions) {
    String problem = guards.checkpointProblem(checkpoint);
    if (problem != null) {
      actions.add(new Action.Rejected(checkpoint, problem));
      return false;
    }
    return record(checkpoint, actions);
  }

  /**
   * The ledger reached {@code height} with head {@code head}: sign a checkpoint if one is due.
   * True if this replica's checkpoint made it stable.
   */
  boolean onExecuted(long height, String head, List<Action> actions) {
    if (!state.checkpoints.isDue(height)) {
      return false;
    }
    ConsensusMessage own = state.signer.sign(ConsensusMessage.of(Phase.CHECKPOINT, 0, height, head, state.id()));
    actions.add(new Action.Broadcast(own));
    return record(own, actions);
  }

  /** A checkpoint this replica signed before a restart: counted and said again, word for word. */
  void restoreOwn(ConsensusMessage own, List<Action> actions) {
    if (own.sequence() <= state.checkpoints.stable().sequence()) {
      return;
    }
    actions.add(new Action.Broadcast(own));
    record(own, actions);
  }

  /**
   * Progress stalled (a view change starts): say this replica's checkpoints above the stable one
   * again, in case the first copies were lost and the log cannot move without them.
   */
  void repeatUnstable(List<Action> actions) {
    state.checkpoints.unstable(state.id()).forEach(own -> actions.add(new Action.Broadcast(own)));
  }

  private boolean record(ConsensusMessage checkpoint, List<Action> actions) {
    StableCheckpoint stable = state.checkpoints.add(checkpoint);
    if (stable != null) {
      state.adoptStable(stable, actions);
    }
    return stable != null;
  }
}
