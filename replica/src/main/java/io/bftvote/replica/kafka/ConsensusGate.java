package io.bftvote.replica.kafka;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
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
  private final VerifiedSignatures verified;
  private final LongSupplier stableCheckpoint;
  private final QuotedSignatures quoted;

  ConsensusGate(int self, Cluster cluster, BallotVerifier verifier, VerifiedSignatures verified,
                LongSupplier stableCheckpoint) {
    this.self = self;
    this.cluster = cluster;
    this.verifier = verifier;
    this.verified = verified;
    this.stableCheckpoint = stableCheckpoint;
    this.quoted = new QuotedSignatures(cluster.n(), verified.capacity() / 2);
  }

  /**
   * Verifies ahead, in one batch, what the view-changes and new-views among {@code passed} (each
   * with no {@link #problem}) quote, so the core's checks of those signatures cost a hash.
   */
  void verifyQuoted(List<ConsensusMessage> passed) {
    signaturesHold(quoted.quotedBy(passed)); // what holds is remembered; the verdicts are the core's to reach
  }

  /**
   * True for messages that need no look at all: the normal-case phases and checkpoints of
   * sequences at or below the stable checkpoint (late copies are normal on Kafka, and re-reads
   * after a restart). Checked first, so old traffic costs no signature verification. Above it, a
   * sequence this replica executed still matters: a new view may propose it again, and the
   * others need this replica's prepare and commit for it.
   */
  boolean isStale(ConsensusMessage m) {
    boolean bySequence = m.phase() == Phase.PRE_PREPARE || m.phase() == Phase.PREPARE || m.phase() == Phase.COMMIT
        || m.phase() == Phase.CHECKPOINT;
    return bySequence && m.sequence() <= stableCheckpoint.getAsLong();
  }

  /** True for this replica's own broadcast coming back (after its signature checked out). */
  boolean isOwnEcho(ConsensusMessage m) {
    return m.sender() == self;
  }

  /**
   * Whether each message's signature holds, for the messages {@link #problem} would verify; the
   * signatures of a poll are verified together ({@link Ed25519#verifyAll}: the same verdicts as
   * one by one, for about half the cost once a poll holds a few dozen, as it does under load).
   * False for the others, which {@link #problem} refuses before it looks at a signature. A
   * signature verified before ({@link VerifiedSignatures}) is not verified again, and each one that
   * holds is remembered there for the view-changes that may quote it.
   */
  boolean[] signaturesHold(List<ConsensusMessage> messages) {
    List<Ed25519.Signed> signed = new ArrayList<>(messages.size()); // null: not verified, so false
    VerifiedSignatures.Key[] keys = new VerifiedSignatures.Key[messages.size()]; // null: not checked
    boolean[] knownValid = new boolean[messages.size()];
    for (int i = 0; i < messages.size(); i++) {
      ConsensusMessage m = messages.get(i);
      if (!reachesSignatureCheck(m) || m.signature() == null) {
        signed.add(null);
        continue;
      }
      byte[] signedBytes = m.signedBytes();
      keys[i] = VerifiedSignatures.Key.of(signedBytes, m.signature());
      knownValid[i] = verified.holds(keys[i]); // a copy read twice (a repeat, a re-read after a restart)
      signed.add(knownValid[i] ? null : new Ed25519.Signed(cluster.publicKey(m.sender()), signedBytes, m.signature()));
    }
    boolean[] holds = Ed25519.verifyAll(signed);
    for (int i = 0; i < holds.length; i++) {
      if (holds[i]) {
        verified.remember(keys[i]); // a view-change may quote it
      }
      holds[i] |= knownValid[i];
    }
    return holds;
  }

  private boolean reachesSignatureCheck(ConsensusMessage m) {
    return m.phase() != null && m.digest() != null && cluster.isReplica(m.sender())
        && (m.isFor(self) || m.phase() == Phase.PRE_PREPARE);
  }

  /** {@link #problem(ConsensusMessage, boolean)}, verifying the signature on the spot. */
  String problem(ConsensusMessage m) {
    return problem(m, signaturesHold(List.of(m))[0]);
  }

  /**
   * Why the message must be dropped, or null if the core may have it; {@code signatureHolds} is
   * what {@link #signaturesHold} found for it. A pre-prepare addressed to
   * another replica still goes to the core once its signature holds: the core never acts on it,
   * but with the one it got itself it proves the primary signed two digests for one sequence
   * (PBFT §4.4 then changes view at once). Its ballots are not verified: nothing executes them.
   */
  String problem(ConsensusMessage m, boolean signatureHolds) {
    if (m.phase() == null || m.digest() == null) return INCOMPLETE;
    if (!cluster.isReplica(m.sender())) return UNKNOWN_SENDER;
    if (!m.isFor(self) && m.phase() != Phase.PRE_PREPARE) return ADDRESSED_ELSEWHERE;
    if (!signatureHolds) return BAD_SIGNATURE;
    if (m.phase() == Phase.PRE_PREPARE && m.isFor(self) && m.batch() != null && !verifier.allValid(m.batch())) {
      return INVALID_BALLOT;
    }
    return null;
  }
}
