package io.bftvote.replica.kafka;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.function.LongSupplier;

/**
 * The edge checks a consensus message passes before the core sees it, one named check per rule.
 * The core then trusts that the sender is who it says and signed exactly this (PBFT assumes
 * authenticated messages, §2), and that a pre-prepare holds only ballots their voters signed.
 */
final class ConsensusGate {
  static final String UNKNOWN_SENDER = "unknown-sender";
  static final String ADDRESSED_ELSEWHERE = "addressed-elsewhere";
  static final String INCOMPLETE = "incomplete";
  static final String BAD_SIGNATURE = "bad-signature";
  static final String INVALID_BALLOT = "invalid-ballot";

  private final int self;
  private final Cluster cluster;
  private final BallotVerifier verifier;
  private final LongSupplier executedHeight;

  ConsensusGate(int self, Cluster cluster, BallotVerifier verifier, LongSupplier executedHeight) {
    this.self = self;
    this.cluster = cluster;
    this.verifier = verifier;
    this.executedHeight = executedHeight;
  }

  /**
   * True for messages that need no look at all: the normal-case phases of sequences this replica
   * already executed (late copies are normal on Kafka, and re-reads after a restart). Checked
   * first, so old traffic costs no signature verification.
   */
  boolean isStale(ConsensusMessage m) {
    boolean ordering = m.phase() == Phase.PRE_PREPARE || m.phase() == Phase.PREPARE || m.phase() == Phase.COMMIT;
    return ordering && m.sequence() <= executedHeight.getAsLong();
  }

  /** True for this replica's own broadcast coming back (after its signature checked out). */
  boolean isOwnEcho(ConsensusMessage m) {
    return m.sender() == self;
  }

  /** Why the message must be dropped, or null if the core may have it. */
  String problem(ConsensusMessage m) {
    if (m.phase() == null || m.digest() == null) return INCOMPLETE;
    if (!cluster.isReplica(m.sender())) return UNKNOWN_SENDER;
    if (!m.isFor(self)) return ADDRESSED_ELSEWHERE;
    if (!m.hasValidSignature(cluster)) return BAD_SIGNATURE;
    if (m.phase() == Phase.PRE_PREPARE && m.batch() != null && !verifier.allValid(m.batch())) return INVALID_BALLOT;
    return null;
  }
}
