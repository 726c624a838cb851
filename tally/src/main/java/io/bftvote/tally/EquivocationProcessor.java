package io.bftvote.tally;

import io.bftvote.tally.ConsensusVerifier.NotAboutASlot;
import io.bftvote.tally.ConsensusVerifier.Refused;
import io.bftvote.tally.ConsensusVerifier.Signed;
import io.bftvote.tally.ConsensusVerifier.Verdict;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches replicas that sign two digests for one slot. The first validly signed message of each
 * slot is remembered; a later validly signed message with a different digest is published once as
 * a {@link Detection} carrying both, and the slot is marked reported, so redeliveries, replays and
 * third digests publish nothing more. Addressed messages ({@code to} set) count like broadcasts:
 * that is how a primary sending different pre-prepares to different backups is caught.
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
    this.verifier = new ConsensusVerifier(cluster);
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
    Verdict verdict = verifier.verify(record.value());
    if (verdict instanceof Refused refused) {
      metrics.consensusRefused(refused.reason());
      log.warn("Refused consensus record at {} as evidence ({}): {}", origin(), refused.reason().tag(),
          refused.detail());
    } else if (verdict instanceof NotAboutASlot skipped) {
      metrics.consensusSkipped();
      log.trace("Skipping {}: not about one slot", skipped.message());
    } else if (verdict instanceof Signed signed) {
      compare(signed.message(), record.timestamp());
    }
  }

  private void compare(ConsensusMessage message, long timestamp) {
    int sender = message.sender();
    memory.observe(sender, message.sequence());
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
      memory.remember(slot, asEvidence(message));
    } else if (!entry.reported() && !entry.first().digest().equals(message.digest())) {
      publish(slot, entry, asEvidence(message), timestamp);
    }
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
