package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last {@value #LIMIT} detections published on {@code bft.detections}, for
 * {@code GET /detections}. It reads the topic rather than trusting its own output, like any other
 * reader would: a record is listed only if its evidence re-verifies ({@link Detection#problem}),
 * and each (accused, view, sequence, phase) is listed once even if the topic holds it twice (a
 * detector started afresh under a new application id publishes its findings again).
 */
final class DetectionLogProcessor implements Processor<String, byte[], Void, Void> {
  /** Detections listed; older ones drop off the listing (they stay on the topic, kept forever). */
  static final long LIMIT = 1000;
  private static final Logger log = LoggerFactory.getLogger(DetectionLogProcessor.class);

  private final Cluster cluster;
  private final DetectionMetrics metrics;
  private KeyValueStore<Long, Detection> listing;
  private KeyValueStore<String, Long> listedSlots;

  DetectionLogProcessor(Cluster cluster, DetectionMetrics metrics) {
    this.cluster = cluster;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    listing = context.getStateStore(DetectionStores.LOG);
    listedSlots = context.getStateStore(DetectionStores.LOG_SLOTS);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Detection detection;
    try {
      detection = Json.read(record.value() == null ? new byte[0] : record.value(), Detection.class);
    } catch (Json.MalformedException e) {
      metrics.detectionMalformed();
      log.warn("Not listing a record of bft.detections: not a detection: {}", e.getMessage());
      return;
    }
    String problem = whyNotProof(detection);
    if (problem != null) {
      metrics.detectionUnproven();
      log.warn("Not listing a detection accusing replica {}: it proves nothing: {}", detection.accused(), problem);
      return;
    }
    String slot = slotOf(detection).key();
    if (listedSlots.get(slot) != null) {
      metrics.detectionDuplicate();
      log.debug("Detection for {} is already listed", slotOf(detection));
      return;
    }
    list(slot, detection);
  }

  private void list(String slot, Detection detection) {
    long index = lastIndex() + 1;
    listing.put(index, detection);
    listedSlots.put(slot, index);
    Detection dropped = listing.get(index - LIMIT);
    if (dropped != null) {
      listing.delete(index - LIMIT);
      listedSlots.delete(slotOf(dropped).key());
    }
    metrics.detectionListed();
    log.info("Listed detection #{}: replica {} equivocated at {}", index, detection.accused(),
        slotOf(detection).position());
  }

  private String whyNotProof(Detection detection) {
    if (detection.phase() == null) return "no phase";
    if (detection.view() < 0 || detection.sequence() < 0) return "negative view or sequence";
    if (!cluster.isReplica(detection.accused())) return "accuses " + detection.accused() + ", not a replica";
    if (detection.evidence() != null && detection.evidence().stream().anyMatch(Objects::isNull)) {
      return "evidence holds a null message";
    }
    return detection.problem(cluster);
  }

  private long lastIndex() {
    try (KeyValueIterator<Long, Detection> newestFirst = listing.reverseAll()) {
      return newestFirst.hasNext() ? newestFirst.next().key : 0;
    }
  }

  private static Slot slotOf(Detection detection) {
    return new Slot(detection.accused(), detection.view(), detection.sequence(), detection.phase());
  }
}
