package io.bftvote.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the gateway knows per vote id: whether it was posted here, and each replica's first verified
 * verdict. An outcome is final once f+1 replicas agree (PBFT §4.1: at least one of them is honest),
 * and the first outcome to get there stands.
 *
 * <p>Bounded: the least recently used ids are forgotten past {@code capacity}. Thread-safe: the
 * replies consumer writes while HTTP handlers read.
 *
 * <p>A full book holds a million votes, each with a verdict from every replica; the verdicts of
 * one block's ballots are nearly all alike, so equal verdicts are kept once (~300 bytes a vote
 * less: n records and their status strings, parsed anew from each reply).
 *
 * <p>For a vote posted here, {@code onPostedVoteFinal} hears how long it took from the broker's
 * ack to the final outcome: the latency a voter actually waits.
 */
final class OutcomeBook {
  static final int DEFAULT_CAPACITY = 1_000_000;
  /** Verdicts of the last few blocks, enough to share them among the votes of a block. */
  private static final int SHARED_VERDICTS = 1024;

  private final int replicas;
  private final int replyQuorum;
  private final Map<String, VoteRecord> records;
  private final LongSupplier nanoClock;
  private final Consumer<Duration> onPostedVoteFinal;
  private final Map<Verdict, Verdict> sharedVerdicts = new LinkedHashMap<>(2 * SHARED_VERDICTS, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Verdict, Verdict> eldest) {
      return size() > SHARED_VERDICTS;
    }
  };
  private int pendingPostedHere;

  OutcomeBook(int replicas, int replyQuorum, int capacity) {
    this(replicas, replyQuorum, capacity, System::nanoTime, elapsed -> {});
  }

  OutcomeBook(int replicas, int replyQuorum, int capacity, LongSupplier nanoClock, Consumer<Duration> onPostedVoteFinal) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.replicas = replicas;
    this.replyQuorum = replyQuorum;
    this.nanoClock = nanoClock;
    this.onPostedVoteFinal = onPostedVoteFinal;
    this.records = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, VoteRecord> eldest) {
        boolean evict = size() > capacity;
        if (evict && eldest.getValue().countsAsPending()) {
          pendingPostedHere--;
        }
        return evict;
      }
    };
  }

  /** The broker acknowledged this vote from a client of this gateway. */
  synchronized void posted(String id) {
    VoteRecord record = records.computeIfAbsent(id, k -> new VoteRecord(replicas));
    if (!record.postedHere) {
      record.postedHere = true;
      record.postedAt = nanoClock.getAsLong();
      if (record.decided == null) {
        pendingPostedHere++;
      }
    }
  }

  /**
   * Whether a reply from {@code replica} could still change what is known of this vote: false once
   * this replica's first verified reply is counted. Replies after the outcome is final still
   * count, as confirmations: with replies signed per block they cost a few hashes each.
   */
  synchronized boolean awaits(String id, int replica) {
    VoteRecord record = records.get(id);
    return record == null || record.byReplica[replica] == null;
  }

  /**
   * Counts a verified reply (only its replica's first counts). Returns the vote's status if this
   * reply is the one that made it final, so waiting clients can be answered.
   */
  synchronized Optional<VoteStatus> record(String id, int replica, Verdict reported) {
    VoteRecord record = records.computeIfAbsent(id, k -> new VoteRecord(replicas));
    if (record.byReplica[replica] != null) {
      return Optional.empty();
    }
    Verdict verdict = sharedVerdicts.computeIfAbsent(reported, v -> v); // from here on, only the shared copy
    record.byReplica[replica] = verdict;
    if (record.decided != null || record.agreeing(verdict) < replyQuorum) {
      return Optional.empty();
    }
    if (record.postedHere) {
      pendingPostedHere--;
      onPostedVoteFinal.accept(Duration.ofNanos(nanoClock.getAsLong() - record.postedAt));
    }
    record.decided = verdict;
    return Optional.of(record.status(id));
  }

  /** The vote's status, or empty if it was never posted here nor seen in a reply (or was forgotten). */
  synchronized Optional<VoteStatus> status(String id) {
    VoteRecord record = records.get(id);
    return record == null ? Optional.empty() : Optional.of(record.status(id));
  }

  /** Votes posted here whose outcome is not final yet. */
  synchronized int pending() {
    return pendingPostedHere;
  }

  private static final class VoteRecord {
    final Verdict[] byReplica;
    boolean postedHere;
    long postedAt;
    Verdict decided;

    VoteRecord(int replicas) {
      byReplica = new Verdict[replicas];
    }

    int agreeing(Verdict verdict) {
      int count = 0;
      for (Verdict v : byReplica) {
        if (verdict.equals(v)) {
          count++;
        }
      }
      return count;
    }

    boolean countsAsPending() {
      return postedHere && decided == null;
    }

    VoteStatus status(String id) {
      return decided == null ? VoteStatus.pending(id) : VoteStatus.decided(id, decided, agreeing(decided));
    }
  }
}
