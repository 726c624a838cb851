package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;

/**
 * Turns the raw bytes of a {@code bft.consensus} record into a message its sender provably signed,
 * or says why it is not one. Only signed messages may become evidence: the broker, or any replica,
 * can put anything on the topic under any name. The record key (the sender, as text) is not signed
 * and is ignored.
 */
final class ConsensusVerifier {
  /** What the verifier concluded about one record. */
  sealed interface Verdict permits Signed, NotAboutASlot, Refused {}

  /** Signed by the replica it names, about one slot: it may be compared and may be evidence. */
  record Signed(ConsensusMessage message) implements Verdict {}

  /** A well-formed view-change or new-view: no digest about one slot, so nothing to compare. */
  record NotAboutASlot(ConsensusMessage message) implements Verdict {}

  /** Never evidence: {@code detail} is the precise reason, for the log. */
  record Refused(ConsensusRefusal reason, String detail) implements Verdict {}

  private final Cluster cluster;

  ConsensusVerifier(Cluster cluster) {
    this.cluster = cluster;
  }

  Verdict verify(byte[] value) {
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
    // Checked before the signature: verifying costs far more than the rest, and these prove nothing here.
    if (!Slot.isSlotPhase(message.phase())) {
      return new NotAboutASlot(message);
    }
    if (!cluster.isReplica(message.sender())) {
      return new Refused(ConsensusRefusal.UNKNOWN_SENDER, message + ": sender " + message.sender()
          + " is not one of the " + cluster.n() + " replicas");
    }
    if (!message.hasValidSignature(cluster)) {
      return new Refused(ConsensusRefusal.BAD_SIGNATURE, message + ": signature does not verify under replica "
          + message.sender() + "'s key (forged or altered)");
    }
    return new Signed(message);
  }

  /** Parts a slot and a signature check need; JSON can omit any field. */
  private static String whyMalformed(ConsensusMessage message) {
    if (message.phase() == null) return "message has no phase";
    if (message.digest() == null || message.digest().isEmpty()) return message + " has no digest";
    if (message.signature() == null) return message + " is unsigned";
    if (message.view() < 0) return message + " has a negative view";
    if (message.sequence() < 0) return message + " has a negative sequence number";
    return null;
  }
}
