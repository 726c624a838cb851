package io.bftvote.tally;

import io.bftvote.tally.ConsensusVerifier.AboutASlot;
import io.bftvote.tally.ConsensusVerifier.NotAboutASlot;
import io.bftvote.tally.ConsensusVerifier.Refused;
import io.bftvote.tally.ConsensusVerifier.Verdict;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches replicas that sign two digests for one slot. The first message of each slot is
 * remembered; a later message with a different digest is checked, and if both it and the first
 * are validly signed, published once as a {@link Detection} carrying both; the slot is then marked
 * reported, so redeliveries, replays and third digests publish nothing more. Addressed messages
 * ({@code to} set) count like broadcasts: that is how a primary sending different pre-prepares to
 * different backups is caught.
 *
 * <p><b>Signatures are checked only when they could matter</b>, since verification is most of the
 * cost and an honest replica never gives a reason: a slot's first message is remembered unchecked,
 * an exact copy of it needs nothing, and anything else about the slot (another digest, or the same
 * digest under another signature or recipient) has its signature checked, then the first's (once).
 * A forged first message gives way to the genuine one; a forged newcomer is dropped. The same-digest
 * case is checked too: otherwise a broken copy of a replica's message, put on the topic first,
 * would make the genuine message look like a redelivery, and a later equivocation would only
 * replace the forgery. Progress, which settles slots, is taken only from checked signatures
 * ({@link SlotMemory}).
 *
 * <p>The output depends only on the input records, never on the wall clock or on when the purge
 * runs (purged slots are settled, and settled slots are never compared), so a replay of
 * {@code bft.consensus} publishes the same detections with the same {@code detectedAt}.
 */
final class EquivocationProcessor implements Processor<String, byte[], String, Detection> {
  /** Stream time between purges of settled slots: purging is a scan, so not on every record. */
  static final Duration PURGE_INTERVAL = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(EquivocationProcessor.class);

  private final Cluster cluster;
  private final DetectionBounds bounds;
  private final ConsensusVerifier verifier;
  private final DetectionMetrics metrics;
  private final String detectionsTopic;
  private ProcessorContext<String, Detection> context;
  private SlotMemory memory;

  EquivocationProcessor(Cluster cluster, DetectionBounds bounds, DetectionMetrics metrics, String detectionsTopic) {
    this.cluster = cluster;
    this.bounds = bounds;
    this.verifier = new ConsensusVerifier(cluster, metrics);
    this.metrics = metrics;
    this.detectionsTopic = detectionsTopic;
  }

  @Override
  public void init(ProcessorContext<String, Detection> context) {
    this.context = context;
    memory = new SlotMemory(cluster, bounds, context.getStateStore(DetectionStores.SLOTS),
        context.getStateStore(DetectionStores.SENDERS), metrics);
    context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, streamTime -> purge());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Verdict verdict = verifier.screen(record.value());
    if (verdict instanceof Refused refused) {
      refuse(refused.reason(), refused.detail());
    } else if (verdict instanceof NotAboutASlot skipped) {
      metrics.consensusSkipped();
      log.trace("Skipping {}: not about one slot", skipped.message());
    } else if (verdict instanceof AboutASlot candidate) {
      compare(asEvidence(candidate.message()), record.timestamp());
    }
  }

  private void compare(ConsensusMessage message, long timestamp) {
    int sender = message.sender();
    boolean checked = false;
    if (memory.wouldAdvance(sender, message.sequence())) {
      if (!isSigned(message)) {
        refuseForged(message, origin(), "it would have moved replica " + sender + "'s progress");
        return;
      }
      checked = true;
    }
    if (message.sequence() <= memory.floor(sender)) {
      metrics.consensusStale();
      log.debug("Not comparing {}: sequence {} is settled (floor {})", message, message.sequence(),
          memory.floor(sender));
      return;
    }
    metrics.consensusCompared();
    Slot slot = Slot.of(message);
    SlotEntry entry = memory.get(slot);
    if (entry == null) {
      memory.remember(slot, message, checked);
    } else if (!entry.reported() && !isCopy(entry.first(), message)) {
      resolveConflict(slot, entry, message, checked, timestamp);
    }
  }

  /**
   * A message about a remembered slot that is not a copy of its first: check the newcomer, then
   * the first (once). Both valid with different digests is an equivocation.
   */
  private void resolveConflict(Slot slot, SlotEntry entry, ConsensusMessage second, boolean secondChecked,
      long timestamp) {
    if (!secondChecked && !isSigned(second)) {
      refuseForged(second, origin(), "it conflicts with the first message of " + slot);
      return;
    }
    if (!entry.checked()) {
      if (!isSigned(entry.first())) {
        memory.replaceFirst(slot, second);
        refuseForged(entry.first(), "an earlier offset", "it was the first message of " + slot
            + ", now conflicting with " + second + " from " + origin()
            + ", which is validly signed and takes its place");
        return;
      }
      entry = entry.asChecked();
      memory.markChecked(slot, entry);
    }
    if (!entry.first().digest().equals(second.digest())) {
      publish(slot, entry, second, timestamp);
    }
  }

  /** One signature verification, counted; a valid one also tells how far its sender got. */
  private boolean isSigned(ConsensusMessage message) {
    if (!verifier.isSignedBySender(message)) {
      return false;
    }
    memory.observe(message.sender(), message.sequence());
    return true;
  }

  private void refuse(ConsensusRefusal reason, String detail) {
    metrics.consensusRefused(reason);
    log.warn("Refused consensus record at {} as evidence ({}): {}", origin(), reason.tag(), detail);
  }

  /** A bad signature is found only when checked, which may be long after its record arrived. */
  private void refuseForged(ConsensusMessage message, String where, String why) {
    metrics.consensusRefused(ConsensusRefusal.BAD_SIGNATURE);
    log.warn("Refused consensus record at {} as evidence ({}): {}: signature does not verify under replica {}'s key "
        + "(forged or altered); checked because {}", where, ConsensusRefusal.BAD_SIGNATURE.tag(), message,
        message.sender(), why);
  }

  /**
   * The same signed message again (a redelivery, a replay, a copy): nothing to learn. Ed25519
   * signatures are deterministic, so an honest replica's copies are identical to the byte;
   * phase, view, sequence and sender are the slot's.
   */
  private static boolean isCopy(ConsensusMessage first, ConsensusMessage other) {
    return first.digest().equals(other.digest()) && Objects.equals(first.to(), other.to())
        && first.signature().equals(other.signature());
  }

  private void publish(Slot slot, SlotEntry entry, ConsensusMessage second, long timestamp) {
    ConsensusMessage first = entry.first();
    Detection detection = new Detection(Detection.EQUIVOCATION, slot.sender(), slot.view(), slot.sequence(),
        slot.phase(), List.of(first, second), Instant.ofEpochMilli(timestamp).toString());
    memory.markReported(slot, entry);
    context.forward(new Record<>(String.valueOf(slot.sender()), detection, timestamp));
    metrics.detectionEmitted();
    log.warn("EQUIVOCATION: replica {} signed {} for two digests, {} ({}) and {} ({}), the second seen at {}; "
        + "published the proof to {}", slot.sender(), slot.position(), first.digest(), addressee(first),
        second.digest(), addressee(second), origin(), detectionsTopic);
  }

  private void purge() {
    long forgotten = memory.purge();
    if (forgotten > 0) {
      log.debug("Forgot {} settled slots; {} remain", forgotten, memory.held());
    }
  }

  /**
   * The signed part of a message. The signature covers phase, view, sequence, digest, sender and
   * recipient; a pre-prepare's batch is bound by the digest but not signed, and two batches of up
   * to 8 MiB would not fit one detection record. Without it the evidence verifies just the same.
   */
  static ConsensusMessage asEvidence(ConsensusMessage m) {
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), m.digest(), m.sender(), m.to(), null, null,
        m.signature());
  }

  private static String addressee(ConsensusMessage m) {
    return m.to() == null ? "to all" : "to replica " + m.to();
  }

  /** Where the record being processed came from, so an operator can find it on the topic. */
  private String origin() {
    return context.recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("an unknown offset");
  }
}
