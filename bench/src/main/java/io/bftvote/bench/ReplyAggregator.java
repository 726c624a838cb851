package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyVerifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a ballot's outcome is final, as a PBFT client does (Castro and Liskov, §4.1): once
 * f+1 distinct replicas sent matching replies (same outcome, same height) whose signatures verify
 * under their keys. At most f replicas lie, so one of those f+1 is honest. A replica signs its
 * replies once per block (a Merkle root), so a reply costs a few hashes, and an Ed25519
 * verification only for the first reply of each block and replica.
 *
 * <p>Only ballots this run sent are tracked ({@link #expect}), so replies to anyone else cost
 * nothing, and a signature is verified only while it can still matter: the first reply of each
 * replica, until the outcome is final. {@link #expect} and {@link #forget} may be called from any
 * thread; {@link #offer} from one thread only (the reply reader).
 */
final class ReplyAggregator {
  /** An outcome f+1 replicas agree on, with the intended send time of its ballot. */
  record Final(String requestId, String status, String reason, long height, long intendedNanos) {
    boolean accepted() {
      return "accepted".equals(status);
    }
  }

  /** The replies counted so far for one ballot: the first validly signed reply of each replica. */
  private static final class Pending {
    final long intendedNanos;
    final Map<Integer, Reply> byReplica = new HashMap<>();

    Pending(long intendedNanos) {
      this.intendedNanos = intendedNanos;
    }

    int matching(Reply reply) {
      int count = 0;
      for (Reply counted : byReplica.values()) {
        if (counted.matches(reply)) {
          count++;
        }
      }
      return count;
    }
  }

  private final Cluster cluster;
  private final ReplyVerifier verifier;
  private final int limit;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong badSignatures = new AtomicLong();
  private final AtomicLong verified = new AtomicLong();

  /** @param limit most ballots awaited at once; a run never sends more than it pre-signed */
  ReplyAggregator(Cluster cluster, int limit) {
    this.cluster = cluster;
    this.verifier = new ReplyVerifier(cluster);
    this.limit = limit;
  }

  /** Start waiting for a ballot's outcome; call it before sending, so no reply can arrive first. */
  void expect(String requestId, long intendedNanos) {
    if (pending.size() >= limit) {
      throw new IllegalStateException("already awaiting " + limit + " outcomes; a run is bounded by its ballots");
    }
    pending.putIfAbsent(requestId, new Pending(intendedNanos));
  }

  /** Stop waiting: the ballot never reached the system (refused or failed to send). */
  void forget(String requestId) {
    pending.remove(requestId);
  }

  /** The outcome, the first time this reply makes f+1 matching valid replies; empty otherwise. */
  Optional<Final> offer(Reply reply) {
    Pending waiting = reply.requestId() == null ? null : pending.get(reply.requestId());
    if (waiting == null || reply.status() == null || !cluster.isReplica(reply.replica())
        || waiting.byReplica.containsKey(reply.replica())) {
      return Optional.empty(); // not ours, already final, malformed, not a replica, or this replica already spoke
    }
    verified.incrementAndGet();
    if (!verifier.verifies(reply)) {
      badSignatures.incrementAndGet(); // proves nothing about the replica it names: it does not count
      return Optional.empty();
    }
    waiting.byReplica.put(reply.replica(), reply);
    if (waiting.matching(reply) < cluster.replyQuorum()) {
      return Optional.empty();
    }
    pending.remove(reply.requestId());
    return Optional.of(new Final(reply.requestId(), reply.status(), reply.reason(), reply.height(),
        waiting.intendedNanos));
  }

  /**
   * True while a ballot with this request id awaits its outcome: the reply reader asks it of a
   * record's key (the request id, by the topic's contract) before parsing the record, so the
   * replies after f+1 and replies to other clients cost no parse. The key is not signed: a replica
   * that mislabels its replies only gets them ignored, as if it were silent.
   */
  boolean awaits(String requestId) {
    return pending.containsKey(requestId);
  }

  /** Ballots sent whose outcome is not final yet. */
  int outstanding() {
    return pending.size();
  }

  /** The intended send times of the ballots still awaited (for the report's unfinished ones). */
  List<Long> outstandingIntendedNanos() {
    return pending.values().stream().map(p -> p.intendedNanos).toList();
  }

  /** Replies checked (proof and signature), and of those, the Ed25519 verifications actually run. */
  long repliesChecked() {
    return verified.get();
  }

  long signaturesVerified() {
    return verifier.signatureChecks();
  }

  long badSignatures() {
    return badSignatures.get();
  }
}
