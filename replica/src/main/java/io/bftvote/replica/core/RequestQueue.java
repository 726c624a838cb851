package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Client requests this replica knows about, by request id: waiting to be proposed (oldest first),
 * in flight (in an accepted pre-prepare, not yet executed), or recently executed. A request id is
 * in at most one of these, so the same ballot is never proposed twice however often it is
 * submitted or redelivered.
 *
 * <p>Every replica keeps the queue, not only the primary: a backup needs it to notice a primary
 * that ignores requests, and to propose them itself after a view change.
 */
final class RequestQueue {
  /** At most this many requests wait; beyond it new ones are refused, and the voter resubmits. */
  static final int MAX_PENDING = 100_000;
  /**
   * How many executed request ids are remembered, to drop a late redelivery that would otherwise
   * be proposed again (the ledger would mark it a duplicate, but it would waste a slot).
   */
  static final int MAX_REMEMBERED_EXECUTED = 100_000;

  /** What offering a request did. */
  enum Offered { QUEUED, ALREADY_KNOWN, FULL }

  private record Waiting(Ballot ballot, long since) {}

  private final int maxPending;
  private final int maxRemembered;
  private Map<String, Waiting> pending = new LinkedHashMap<>();
  private final NavigableMap<Long, List<Ballot>> inFlightBySequence = new TreeMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> recentlyExecuted = new LinkedHashSet<>();

  RequestQueue() {
    this(MAX_PENDING, MAX_REMEMBERED_EXECUTED);
  }

  RequestQueue(int maxPending, int maxRemembered) {
    this.maxPending = maxPending;
    this.maxRemembered = maxRemembered;
  }

  Offered offer(Ballot ballot, long now) {
    String id = ballot.requestId();
    if (pending.containsKey(id) || inFlight.contains(id) || recentlyExecuted.contains(id)) {
      return Offered.ALREADY_KNOWN;
    }
    if (pending.size() >= maxPending) {
      return Offered.FULL;
    }
    pending.put(id, new Waiting(ballot, now));
    return Offered.QUEUED;
  }

  int pendingCount() {
    return pending.size();
  }

  /** When the longest-waiting request arrived; only meaningful if something is pending. */
  long oldestSince() {
    if (pending.isEmpty()) {
      throw new IllegalStateException("no request is pending");
    }
    return pending.values().iterator().next().since();
  }

  /** The oldest {@code max} pending ballots, still pending until {@link #inFlight} claims them. */
  List<Ballot> oldest(int max) {
    List<Ballot> batch = new ArrayList<>(Math.min(max, pending.size()));
    Iterator<Waiting> it = pending.values().iterator();
    while (it.hasNext() && batch.size() < max) {
      batch.add(it.next().ballot());
    }
    return batch;
  }

  /** The batch of an accepted pre-prepare: its requests are no longer pending but in flight. */
  void inFlight(long sequence, List<Ballot> batch) {
    Set<String> ids = new HashSet<>(batch.size());
    for (Ballot ballot : batch) {
      String id = ballot.requestId();
      ids.add(id);
      pending.remove(id);
      inFlight.add(id);
    }
    List<Ballot> replaced = inFlightBySequence.put(sequence, List.copyOf(batch));
    if (replaced != null) {
      replaced.stream().map(Ballot::requestId).filter(id -> !ids.contains(id)).forEach(inFlight::remove);
    }
  }

  /** True while this replica waits for something to execute: a request pending or in flight. */
  boolean hasWaiting() {
    return !pending.isEmpty() || !inFlight.isEmpty();
  }

  /**
   * A new view starts: the batches of the old view that it does not propose again are not in
   * flight any more, so their requests wait again, ahead of the others (they came first), until
   * the new view places them (PBFT §4.4: the new primary proposes them afresh). Their wait
   * restarts at {@code now}. The queue may briefly hold more than its limit: at most a log
   * window of batches comes back.
   */
  void requeueInFlight(long now) {
    Map<String, Waiting> requeued = new LinkedHashMap<>();
    for (List<Ballot> batch : inFlightBySequence.values()) {
      for (Ballot ballot : batch) {
        if (!recentlyExecuted.contains(ballot.requestId())) {
          requeued.putIfAbsent(ballot.requestId(), new Waiting(ballot, now));
        }
      }
    }
    pending.forEach(requeued::putIfAbsent);
    pending = requeued;
    inFlightBySequence.clear();
    inFlight.clear();
  }

  boolean isInFlight(String requestId) {
    return inFlight.contains(requestId);
  }

  /**
   * The ledger reached {@code height} and executed {@code requestIds} there: everything in
   * flight up to that height is settled, and those requests are done.
   */
  void executed(long height, List<String> requestIds) {
    NavigableMap<Long, List<Ballot>> settled = inFlightBySequence.headMap(height, true);
    settled.values().forEach(batch -> batch.forEach(ballot -> inFlight.remove(ballot.requestId())));
    settled.clear();
    for (String id : requestIds) {
      pending.remove(id);
      remember(id);
    }
  }

  private void remember(String executedId) {
    recentlyExecuted.remove(executedId);
    recentlyExecuted.add(executedId);
    if (recentlyExecuted.size() > maxRemembered) {
      Iterator<String> oldest = recentlyExecuted.iterator();
      oldest.next();
      oldest.remove();
    }
  }
}
