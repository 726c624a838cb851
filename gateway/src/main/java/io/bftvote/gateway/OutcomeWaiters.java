package io.bftvote.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clients holding a {@code ?wait} open: each gets a promise completed either when the vote becomes
 * final or by a timer, so no thread ever blocks. Confined to the HTTP event loop, hence no locks;
 * the replies consumer reaches it through {@code Context.runOnContext}.
 *
 * <p>Bounded: past {@code limit} waiters, a new one is answered at once as not final (the client
 * can poll {@code GET /api/votes/{id}}).
 */
final class OutcomeWaiters {
  private final Vertx vertx;
  private final int limit;
  private final Map<String, List<Waiter>> byId = new HashMap<>();
  private int count;
  private boolean released;

  private record Waiter(Promise<Optional<VoteStatus>> promise, long timer) {}

  OutcomeWaiters(Vertx vertx, int limit) {
    this.vertx = vertx;
    this.limit = limit;
  }

  /** Completes with the final status, or empty if {@code wait} passed first. */
  Future<Optional<VoteStatus>> await(String id, Duration wait) {
    if (released || count >= limit || wait.isZero()) {
      return Future.succeededFuture(Optional.empty());
    }
    Promise<Optional<VoteStatus>> promise = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, wait.toMillis()), t -> timedOut(id, promise));
    byId.computeIfAbsent(id, k -> new ArrayList<>(1)).add(new Waiter(promise, timer));
    count++;
    return promise.future();
  }

  /** The vote became final: answer everyone waiting for it. */
  void decided(VoteStatus status) {
    List<Waiter> waiters = byId.remove(status.id());
    if (waiters == null) {
      return;
    }
    count -= waiters.size();
    for (Waiter w : waiters) {
      vertx.cancelTimer(w.timer());
      w.promise().tryComplete(Optional.of(status));
    }
  }

  /**
   * Answers every waiting client at once as not final yet: the gateway is shutting down, and a
   * 202 pending is the truth for a vote the broker has. Later waits end at once too, so a vote
   * acknowledged during shutdown is answered before the server stops.
   */
  void releaseAll() {
    released = true;
    List<Waiter> all = new ArrayList<>();
    byId.values().forEach(all::addAll);
    byId.clear();
    count = 0;
    for (Waiter w : all) {
      vertx.cancelTimer(w.timer());
      w.promise().tryComplete(Optional.empty());
    }
  }

  int count() {
    return count;
  }

  private void timedOut(String id, Promise<Optional<VoteStatus>> promise) {
    List<Waiter> waiters = byId.get(id);
    if (waiters != null && waiters.removeIf(w -> w.promise() == promise)) {
      count--;
      if (waiters.isEmpty()) {
        byId.remove(id);
      }
    }
    promise.tryComplete(Optional.empty());
  }
}
