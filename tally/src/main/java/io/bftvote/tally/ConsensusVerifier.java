package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;

/**
 * Turns the raw bytes of a {@code bft.consensus} record into a message that could be evidence, or
 * says why it never can be; and checks a message's signature when the detector asks.
 *
 * <p>The two steps are apart because a signature check costs a hundred times the rest, and
 * evidence needs two messages for one slot with different digests: the detector checks a
 * signature only when a message could complete such a pair (or move its sender's progress), not
 * for every record. Only signed messages may become evidence: the broker, or any replica, can put
 * anything on the topic under any name. The record key (the sender, as text) is not signed and is
 * ignored.
 */
final class ConsensusVerifier {
  /** What the cheap checks concluded about one record. */
  sealed interface Verdict permits AboutASlot, NotAboutASlot, Refused {}

  /** Well-formed, from a replica, about one slot: it may be compared; its signature is not checked yet. */
  record AboutASlot(ConsensusMessage message) implements Verdict {}

  /** A well-formed view-change or new-view: no digest about one slot, so nothing to compare. */
  record NotAboutASlot(ConsensusMessage message) implements Verdict {}

  /** Never evidence: {@code detail} is the precise reason, for the log. */
  record Refused(ConsensusRefusal reason, String detail) implements Verdict {}

  /** Every digest on the topic is SHA-256 in hex (a batch, a ledger head, a view-change payload). */
  static final int MAX_DIGEST_CHARS = 64;
  /** An Ed25519 signature, 64 bytes, in base64url without padding. */
  static final int MAX_SIGNATURE_CHARS = 86;

  private final Cluster cluster;
  private final DetectionMetrics metrics;

  ConsensusVerifier(Cluster cluster, DetectionMetrics metrics) {
    this.cluster = cluster;
    this.metrics = metrics;
  }

  /** The checks that need no signature verification: parse, parts present, phase, sender known. */
  Verdict screen(byte[] value) {
    if (value == null) {
      return new Refused(ConsensusRefusal.MALFORMED, "empty record (no value)");
    }
    ConsensusMessage message;
    try {
      message = Json.read(value, ConsensusMessage.class);
    } catch (Json.MalformedException e) {
      return new Refused(ConsensusRefusal.MALFORMED, "not a consensus message: " + e.getMessage());
    }
    String malformation = whyMalformed(message);
    if (malformation != null) {
      return new Refused(ConsensusRefusal.MALFORMED, malformation);
    }
    if (!Slot.isSlotPhase(message.phase())) {
      return new NotAboutASlot(message);
    }
    if (!cluster.isReplica(message.sender())) {
      return new Refused(ConsensusRefusal.UNKNOWN_SENDER, message + ": sender " + message.sender()
          + " is not one of the " + cluster.n() + " replicas");
    }
    return new AboutASlot(message);
  }

  /** True if the replica the message names signed it; every call is one Ed25519 verification, counted. */
  boolean isSignedBySender(ConsensusMessage message) {
    metrics.signatureChecked();
    return message.hasValidSignature(cluster);
  }

  /**
   * Parts a slot and a signature check need; JSON can omit any field. The length limits matter
   * because a slot's first message is remembered before its signature is checked: without them a
   * forger could fill the slot memory with megabyte-long digests under any replica's name.
   */
  private static String whyMalformed(ConsensusMessage message) {
    if (message.phase() == null) return "message has no phase";
    if (message.digest() == null || message.digest().isEmpty()) return message + " has no digest";
    if (message.digest().length() > MAX_DIGEST_CHARS) {
      return message + " has a digest of " + message.digest().length() + " characters, longer than a SHA-256 digest ("
          + MAX_DIGEST_CHARS + ")";
    }
    if (message.signature() == null) return message + " is unsigned";
    if (message.signature().length() > MAX_SIGNATURE_CHARS) {
      return message + " has a signature of " + message.signature().length()
          + " characters, longer than an Ed25519 signature (" + MAX_SIGNATURE_CHARS + ")";
    }
    if (message.view() < 0) return message + " has a negative view";
    if (message.sequence() < 0) return message + " has a negative sequence number";
    return null;
  }
}
