package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * View changes (PBFT §4.4, with the liveness rules of §4.5.2): a backup that waits too long for
 * its pending requests, or sees the primary equivocate, or sees f+1 others leave, moves to the
 * next view and multicasts a VIEW-CHANGE; the new primary turns 2f+1 of them into a NEW-VIEW
 * whose pre-prepares carry every request that may have committed into the new view; every replica
 * checks that NEW-VIEW against the view-changes it quotes before installing it.
 */
final class ViewChangeProtocol {
  private final ReplicaState state;
  private final NormalCase normal;
  private final CheckpointProtocol checkpoints;
  private final ViewChangeGuards guards;
  private final ViewChanges viewChanges = new ViewChanges();
  private final ViewTimer timer;
  /** Normal-case messages of the view being installed that came before its NEW-VIEW. */
  private final Deque<ConsensusMessage> early = new ArrayDeque<>();
  private final int earlyLimit;
  /** Pre-prepares of the current primary in this view that the edge refused for an invalid ballot. */
  private int invalidProposals;
  /**
   * The latest view in which a checkpoint became stable: the timeout doubles with every view
   * since (see {@link #onCheckpointStable}).
   */
  private long provenView;
  private ConsensusMessage ownViewChange;
  private ConsensusMessage ownNewView;
  private long lastRepeat;

  ViewChangeProtocol(ReplicaState state, NormalCase normal, CheckpointProtocol checkpoints, ViewChangeGuards guards) {
    this.state = state;
    this.normal = normal;
    this.checkpoints = checkpoints;
    this.guards = guards;
    this.timer = new ViewTimer(state.config.viewChangeTimeoutMillis(), state.config.maxViewChangeTimeoutMillis());
    this.earlyLimit = (int) Math.min(4 * state.config.watermarkWindow() * state.config.cluster().n(), 100_000);
    this.provenView = state.view;
  }

  /**
   * The timers of §4.4. In a working view a backup's timer runs while it waits for a request to
   * execute; while changing view it runs once 2f+1 replicas ask for the new view or a later one
   * (one that already gave up on this view still counts against it: waiting for it to come back
   * would wait forever), and until then the replica repeats its own view-change in case it was
   * lost.
   *
   * <p>Timers start only on a {@code Tick} ({@code tick}): an event's time is when its handling
   * began, and under load handling a NEW-VIEW can take seconds. A timer started at that time had
   * run down before the new primary could act: at n = 7 in overload, backups left each new view
   * the moment they installed it, four views in a row.
   *
   * <p>The timeout is a function of the view: doubled for every view since the last that made
   * sustained progress, so every replica in a view waits as long, whether its own timer took it
   * there or f+1 others did.
   */
  void onTick(long now, boolean tick, List<Action> actions) {
    timer.backOff(state.view - provenView);
    if (!state.changingView) {
      if (!state.isPrimary() && state.requests.hasWaiting()) {
        if (tick) {
          timer.startIfStopped(now);
        }
      } else {
        timer.stop();
      }
      if (timer.expired(now)) {
        String cause = invalidProposals == 0 ? "primary " + state.primary() + " silent for " + timer.elapsed(now) + " ms"
            : "primary " + state.primary() + " sent " + invalidProposals + " invalid proposal(s), none executed for "
            + timer.elapsed(now) + " ms";
        start(state.view + 1, cause, now, actions);
      }
      return;
    }
    if (viewChanges.countAtLeast(state.view) >= state.quorum.viewChanges()) {
      if (tick) {
        timer.startIfStopped(now);
      }
      if (timer.expired(now)) {
        String cause = "no new-view from primary " + state.primary() + " within " + timer.elapsed(now) + " ms";
        start(state.view + 1, cause, now, actions);
      }
    } else if (now - lastRepeat >= timer.timeout()) {
      lastRepeat = now;
      actions.add(new Action.Broadcast(ownViewChange));
      checkpoints.repeatUnstable(actions);
    }
  }

  /** The ledger moved: in a working view the primary is not silent, so the timer starts over. */
  void onProgress(long now) {
    if (!state.changingView && timer.isRunning()) {
      timer.restart(now);
    }
  }

  /**
   * A checkpoint became stable in a working view: 2f+1 replicas executed K more sequences in it, so
   * the view works, and the timeout is back at its base. Not at the view's first execution, as it
   * was: in overload at n = 7, a new view spent seconds proposing again what the last one had
   * prepared, executed one batch, and with the timeout back at 2 s the next wait moved the view
   * again; five views in 70 s, nothing final after the first.
   */
  void onCheckpointStable() {
    if (!state.changingView) {
      provenView = state.view;
    }
  }

  /**
   * After a restart: the restored view is taken as working, or, if this replica was changing to
   * it, as the first after one that failed.
   */
  void onRestored() {
    provenView = state.changingView ? state.view - 1 : state.view;
  }

  /** Counts a refused pre-prepare, if the current primary signed it for this view: the cause of a timeout. */
  void onInvalidProposal(ConsensusMessage prePrepare) {
    if (!state.changingView && prePrepare.view() == state.view && prePrepare.sender() == state.primary()) {
      invalidProposals++;
    }
  }

  /** Moves to view {@code target} and multicasts ⟨VIEW-CHANGE, target, n, C, P, i⟩. */
  void start(long target, String cause, long now, List<Action> actions) {
    long from = state.view;
    invalidProposals = 0;
    state.view = target;
    state.changingView = true;
    state.log.clearSlots();
    early.clear();
    timer.stop();
    StableCheckpoint stable = state.checkpoints.stable();
    List<PreparedCertificate> prepared =
        state.prepared.within(stable.sequence(), stable.sequence() + state.config.watermarkWindow());
    ownViewChange = ViewChange.create(target, stable, prepared, state.id(), state.signer);
    viewChanges.offer(new ViewChange(ownViewChange, stable, prepared));
    lastRepeat = now;
    actions.add(new Action.ViewChanging(from, target, cause));
    actions.add(new Action.Broadcast(ownViewChange));
    checkpoints.repeatUnstable(actions);
    sendNewViewIfReady(now, actions);
  }

  void onViewChange(ConsensusMessage message, long now, List<Action> actions) {
    if (message.view() < state.view || (message.view() == state.view && !state.changingView)) {
      repeatNewViewFor(message, now, actions);
      return; // for a view this replica is already in or past
    }
    if (viewChanges.holds(message)) {
      // Its sender repeats it until it sees 2f+1 view-changes. Checking a repeat again would cost
      // a signature per quoted message (over a thousand with a full log), and under load the
      // repeats came faster than the checks: at n = 7 one view change had not ended a minute on.
      return;
    }
    ViewChange vc;
    try {
      vc = ViewChange.decode(message, (int) state.config.watermarkWindow(), state.config.cluster().n());
    } catch (Payloads.Malformed e) {
      actions.add(new Action.Rejected(message, Reason.MALFORMED_PAYLOAD));
      return;
    }
    String problem = guards.viewChangeProblem(vc);
    if (problem != null) {
      actions.add(new Action.Rejected(message, problem));
      return;
    }
    viewChanges.offer(vc);
    if (viewChanges.countAbove(state.view) >= state.quorum.joinViewChange()) {
      long target = viewChanges.smallestAbove(state.view);
      start(target, viewChanges.countAbove(state.view) + " replicas asked for view " + target, now, actions);
    }
    sendNewViewIfReady(now, actions);
  }

  /**
   * A replica asks for the view this one, its primary, already installed: it missed the NEW-VIEW,
   * so say it again (at most once per timeout, whoever asks).
   */
  private void repeatNewViewFor(ConsensusMessage message, long now, List<Action> actions) {
    boolean missedIt = !state.changingView && message.view() == state.view && ownNewView != null
        && ownNewView.view() == state.view;
    if (missedIt && now - lastRepeat >= timer.timeout()) {
      lastRepeat = now;
      actions.add(new Action.Broadcast(ownNewView));
    }
  }

  /** The new primary: with 2f+1 view-changes for its view (its own among them), it sends NEW-VIEW. */
  private void sendNewViewIfReady(long now, List<Action> actions) {
    boolean waiting = state.changingView && state.primary() == state.id()
        && (ownNewView == null || ownNewView.view() != state.view);
    List<ViewChange> received = viewChanges.forView(state.view);
    if (!waiting || received.size() < state.quorum.viewChanges()) {
      return;
    }
    List<ViewChange> chosen = new ArrayList<>();
    received.stream().filter(vc -> vc.sender() == state.id()).forEach(chosen::add);
    received.stream().filter(vc -> vc.sender() != state.id()).limit(state.quorum.viewChanges() - 1L)
        .forEach(chosen::add);
    NewViewPlan plan = NewViewPlan.from(chosen);
    List<ConsensusMessage> prePrepares = plan.prePrepares(state.view, state.id(), state.signer);
    ownNewView = NewView.create(state.view, plan.checkpoint().sequence(),
        chosen.stream().map(ViewChange::signed).toList(), prePrepares, state.id(), state.signer);
    lastRepeat = now;
    actions.add(new Action.Broadcast(ownNewView));
    install(plan, prePrepares, now, actions);
  }

  void onNewView(ConsensusMessage message, long now, List<Action> actions) {
    if (message.view() < state.view || (message.view() == state.view && !state.changingView)) {
      return; // installed already, or superseded
    }
    NewView nv;
    try {
      nv = NewView.decode(message, state.config.cluster().n(), (int) state.config.watermarkWindow());
    } catch (Payloads.Malformed e) {
      actions.add(new Action.Rejected(message, Reason.MALFORMED_PAYLOAD));
      return;
    }
    List<ViewChange> decoded = new ArrayList<>();
    String problem = guards.newViewProblem(nv, viewChanges::known, decoded);
    if (problem != null) {
      actions.add(new Action.Rejected(message, problem));
      return;
    }
    if (message.view() > state.view) {
      // 2f+1 replicas moved there: joining directly is safe, and the only way back for one that slept.
      actions.add(new Action.ViewChanging(state.view, message.view(), "new-view for view " + message.view()
          + " from primary " + message.sender()));
      state.view = message.view();
    }
    install(NewViewPlan.from(decoded), nv.prePrepares(), now, actions);
  }

  /**
   * Enters the new view: adopts its starting checkpoint, puts the requests of the old view's
   * batches back in line, and takes up the pre-prepares of O (each with its batch, if this replica
   * accepted it before), then the messages of the new view that came early.
   */
  private void install(NewViewPlan plan, List<ConsensusMessage> prePrepares, long now, List<Action> actions) {
    state.changingView = false;
    invalidProposals = 0;
    state.adoptStable(plan.checkpoint(), actions);
    state.log.clearSlots();
    state.requests.requeueInFlight(now);
    state.lastProposed = Math.max(plan.maxSequence(), state.log.low());
    timer.stop();
    actions.add(new Action.ViewInstalled(state.view, state.primary(), plan.reproposals().size(), awaitingBatch(plan)));
    for (int i = 0; i < prePrepares.size(); i++) {
      NewViewPlan.Reproposal reproposal = plan.reproposals().get(i);
      if (reproposal.sequence() > state.log.low()) {
        List<Ballot> batch = state.batchFor(reproposal.sequence(), reproposal.digest());
        normal.acceptReproposal(batch == null ? prePrepares.get(i) : withBatch(prePrepares.get(i), batch), actions);
      }
    }
    List<ConsensusMessage> arrivedEarly = new ArrayList<>(early);
    early.clear();
    for (ConsensusMessage message : arrivedEarly) {
      String cause = normal.onMessage(message, actions);
      if (cause != null) {
        start(state.view + 1, cause, now, actions);
        return;
      }
    }
  }

  /** How many re-proposals above the low watermark name a batch this replica does not hold. */
  private int awaitingBatch(NewViewPlan plan) {
    return (int) plan.reproposals().stream()
        .filter(r -> r.sequence() > state.log.low() && state.batchFor(r.sequence(), r.digest()) == null).count();
  }

  /**
   * The signature of a pre-prepare covers its digest, not its batch, so attaching the batch keeps
   * it valid; {@link ReplicaState#batchFor} found it by that digest.
   */
  private static ConsensusMessage withBatch(ConsensusMessage pp, List<Ballot> batch) {
    return new ConsensusMessage(pp.phase(), pp.view(), pp.sequence(), pp.digest(), pp.sender(), pp.to(),
        batch, pp.payload(), pp.signature());
  }

  /** A normal-case message for the view being installed: kept (a bounded few) until its NEW-VIEW. */
  void holdEarly(ConsensusMessage message) {
    if (early.size() >= earlyLimit) {
      early.poll();
    }
    early.add(message);
  }

  /** A view-change this replica signed before a restart: it is changing to that view again. */
  void restoreViewChange(ConsensusMessage own, long now, List<Action> actions) throws Payloads.Malformed {
    if (own.view() < state.view || (own.view() == state.view && !state.changingView)) {
      return;
    }
    ViewChange vc = ViewChange.decode(own, (int) state.config.watermarkWindow(), state.config.cluster().n());
    state.view = own.view();
    state.changingView = true;
    state.log.clearSlots();
    ownViewChange = own;
    viewChanges.offer(vc);
    lastRepeat = now;
    actions.add(new Action.Broadcast(own));
  }

  /** A new-view this replica signed as primary before a restart: said again, and installed again. */
  void restoreNewView(ConsensusMessage own, long now, List<Action> actions) {
    if (own.view() < state.view) {
      return;
    }
    ownNewView = own;
    lastRepeat = now;
    actions.add(new Action.Broadcast(own));
    onNewView(own, now, actions);
  }
}
