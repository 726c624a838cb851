package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica's PBFT (Castro and Liskov, OSDI '99 §4) as a pure state machine: the normal case
 * ({@link NormalCase}), checkpoints and garbage collection ({@link CheckpointProtocol}) and view
 * changes ({@link ViewChangeProtocol}), over one shared {@link ReplicaState}. This class routes
 * each event to the part it concerns.
 *
 * <p>Not thread-safe by design: one event thread owns it. Deterministic: the same events in the
 * same order give the same actions (Ed25519 signatures are deterministic too).
 */
public final class Pbft {
  private final ReplicaState state;
  private final NormalCase normal;
  private final CheckpointProtocol checkpoints;
  private final ViewChangeProtocol viewChanges;
  private final ViewChangeGuards viewChangeGuards;

  /** A replica that checks quoted signatures with Ed25519 under the cluster's keys. */
  public Pbft(PbftConfig config, Signer signer, long executedHeight, long view) {
    this(config, signer, config == null ? null : Verifier.ed25519(config.cluster()), executedHeight, view);
  }

  /**
   * @param verifier checks the signatures of messages quoted inside view-changes and new-views
   * @param executedHeight the height the ledger has executed up to (0 for a fresh ledger)
   * @param view the view to start in
   */
  public Pbft(PbftConfig config, Signer signer, Verifier verifier, long executedHeight, long view) {
    this(config, signer, verifier, executedHeight, view, config == null ? null : new QuorumRule(config.cluster()));
  }

  /** With another quorum rule: only a test builds a core this way, to break it on purpose. */
  Pbft(PbftConfig config, Signer signer, Verifier verifier, long executedHeight, long view, QuorumRule quorum) {
    if (config == null || signer == null || verifier == null) {
      throw new IllegalArgumentException("a replica needs its config, a signer and a verifier");
    }
    if (executedHeight < 0 || view < 0) {
      throw new IllegalArgumentException(
          "executed height and view must not be negative, got " + executedHeight + " and " + view);
    }
    this.state = new ReplicaState(config, signer, quorum, executedHeight, view);
    Guards guards = new Guards(config, state.log, () -> state.view);
    this.normal = new NormalCase(state, guards);
    this.checkpoints = new CheckpointProtocol(state, guards);
    this.viewChangeGuards = new ViewChangeGuards(config, quorum, verifier);
    this.viewChanges = new ViewChangeProtocol(state, normal, checkpoints, viewChangeGuards);
  }

  public List<Action> handle(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("no event to handle");
    }
    List<Action> actions = new ArrayList<>();
    if (event instanceof Event.RequestReceived request) {
      onRequest(request, actions);
    } else if (event instanceof Event.MessageReceived received) {
      onMessage(received.message(), event.now(), actions);
    } else if (event instanceof Event.Executed executed) {
      onExecuted(executed, actions);
    } else if (event instanceof Event.InvalidProposal invalid) {
      viewChanges.onInvalidProposal(invalid.prePrepare());
    } else if (event instanceof Event.Restored restored) {
      new Restoration(state, normal, checkpoints, viewChanges, viewChangeGuards).restore(restored, actions);
      viewChanges.onRestored();
    } else if (!(event instanceof Event.Tick)) {
      throw new IllegalArgumentException("unknown event " + event);
    }
    viewChanges.onTick(event.now(), event instanceof Event.Tick, actions);
    normal.proposeReadyBatches(event.now(), actions);
    return actions;
  }

  public long view() {
    return state.view;
  }

  public int primary() {
    return state.primary();
  }

  /** True for the primary of a working view. */
  public boolean isPrimary() {
    return state.isPrimary();
  }

  /** True between this replica's VIEW-CHANGE and the NEW-VIEW it waits for. */
  public boolean isChangingView() {
    return state.changingView;
  }

  public long lastExecuted() {
    return state.lastExecuted;
  }

  public long lastProposed() {
    return state.lastProposed;
  }

  /** The sequence of the last stable checkpoint (0 for the genesis state). */
  public long stableCheckpoint() {
    return state.checkpoints.stable().sequence();
  }

  public int pendingRequests() {
    return state.requests.pendingCount();
  }

  private void onRequest(Event.RequestReceived request, List<Action> actions) {
    if (state.requests.offer(request.ballot(), request.now()) == RequestQueue.Offered.FULL) {
      actions.add(new Action.Rejected(null, Reason.REQUEST_QUEUE_FULL));
    }
  }

  private void onMessage(ConsensusMessage message, long now, List<Action> actions) {
    if (message.phase() == null) {
      actions.add(new Action.Rejected(message, Reason.UNSUPPORTED_PHASE));
      return;
    }
    switch (message.phase()) {
      case CHECKPOINT -> {
        if (checkpoints.onCheckpoint(message, actions)) {
          viewChanges.onCheckpointStable();
        }
      }
      case VIEW_CHANGE -> viewChanges.onViewChange(message, now, actions);
      case NEW_VIEW -> viewChanges.onNewView(message, now, actions);
      case PRE_PREPARE, PREPARE, COMMIT -> onOrdering(message, now, actions);
    }
  }

  private void onOrdering(ConsensusMessage message, long now, List<Action> actions) {
    if (state.log.isStale(message.sequence())) {
      return; // below the stable checkpoint: a late duplicate, normal on Kafka
    }
    if (state.changingView) {
      if (message.view() == state.view) {
        viewChanges.holdEarly(message);
      } else {
        actions.add(new Action.Rejected(message, Reason.WRONG_VIEW));
      }
      return;
    }
    String cause = normal.onMessage(message, actions);
    if (cause != null) {
      viewChanges.start(state.view + 1, cause, now, actions);
    }
  }

  /** The ledger reached {@code height}, by executing or by catching up from certified blocks. */
  private void onExecuted(Event.Executed executed, List<Action> actions) {
    long height = executed.height();
    boolean progress = height > state.lastExecuted;
    state.lastExecuted = Math.max(state.lastExecuted, height);
    state.executionEmitted = Math.max(state.executionEmitted, height);
    state.lastProposed = Math.max(state.lastProposed, height);
    state.requests.executed(height, executed.requestIds());
    if (checkpoints.onExecuted(height, executed.head(), actions)) {
      viewChanges.onCheckpointStable();
    }
    if (progress) {
      viewChanges.onProgress(executed.now());
    }
    normal.emitExecutable(actions);
  }
}
