package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;

/**
 * The protocol state one replica's parts share: where it stands (view, whether it is changing
 * view, how far it executed and proposed) and the logs that the normal case, checkpoints and view
 * changes each add to. One thread owns it, so it has no locks.
 */
final class ReplicaState {
  final PbftConfig config;
  final Signer signer;
  final QuorumRule quorum;
  final MessageLog log;
  final RequestQueue requests = new RequestQueue();
  final Checkpoints checkpoints;
  final PreparedCertificates prepared = new PreparedCertificates();
  /** The batches of accepted pre-prepares, which outlive the view that accepted them. */
  final Batches batches = new Batches();
  /** The current view; while {@link #changingView}, the view this replica is changing to. */
  long view;
  /** True between sending a VIEW-CHANGE and installing the NEW-VIEW for {@link #view} (§4.4). */
  boolean changingView;
  long lastExecuted;
  /** Highest sequence handed to the adapter in an Execute; may run ahead of lastExecuted. */
  long executionEmitted;
  /** Highest sequence with a pre-prepare in this view, so a primary never reuses a number. */
  long lastProposed;

  ReplicaState(PbftConfig config, Signer signer, QuorumRule quorum, long executedHeight, long view) {
    this.config = config;
    this.signer = signer;
    this.quorum = quorum;
    this.view = view;
    this.lastExecuted = executedHeight;
    this.executionEmitted = executedHeight;
    this.lastProposed = executedHeight;
    this.log = new MessageLog(executedHeight, config.watermarkWindow(), quorum);
    int checkpointsInLog = (int) (config.watermarkWindow() / config.checkpointInterval());
    this.checkpoints = new Checkpoints(config.checkpointInterval(), quorum.checkpoints(), checkpointsInLog + 2);
  }

  int id() {
    return config.id();
  }

  int primary() {
    return config.primary(view);
  }

  /** The primary of a working view (none while the view changes). */
  boolean isPrimary() {
    return !changingView && primary() == config.id();
  }

  /** Signs a message of this replica in the current view. */
  ConsensusMessage sign(Phase phase, long sequence, String digest) {
    return signer.sign(ConsensusMessage.of(phase, view, sequence, digest, config.id()));
  }

  /**
   * The batch whose digest is {@code digest}, if this replica accepted it at {@code sequence}:
   * from the batches it keeps, or from its own prepared certificate. Null if it has neither; the
   * empty batch of a null request it always has.
   */
  List<Ballot> batchFor(long sequence, String digest) {
    if (NewViewPlan.NULL_DIGEST.equals(digest)) {
      return List.of();
    }
    List<Ballot> batch = batches.find(sequence, digest);
    return batch != null ? batch : prepared.batch(sequence, digest);
  }

  /**
   * A checkpoint is stable (§4.3): the log, the P set, the batches and the proposal counter move above it.
   * If the ledger is behind it, the blocks up to it come from catch-up, not from this log.
   */
  void adoptStable(StableCheckpoint stable, List<Action> actions) {
    if (stable.sequence() <= checkpoints.stable().sequence()) {
      return;
    }
    checkpoints.adopt(stable);
    log.advanceLowTo(stable.sequence());
    prepared.discardUpTo(stable.sequence());
    batches.discardUpTo(stable.sequence());
    lastProposed = Math.max(lastProposed, stable.sequence());
    actions.add(new Action.CheckpointStable(stable.sequence(), stable.digest(), stable.proof()));
  }
}
