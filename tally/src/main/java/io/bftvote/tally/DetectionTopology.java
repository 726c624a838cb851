package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Detection;
import io.bftvote.topics.JsonSerde;
import io.bftvote.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;

/**
 * The tally's two detection sub-topologies:
 *
 * <ol>
 *   <li>{@code bft.consensus} → {@link EquivocationProcessor} (slot memory) → {@code bft.detections};
 *   <li>{@code bft.detections} → {@link DetectionLogProcessor} (the listing behind {@code GET /detections}).
 * </ol>
 *
 * Values are read as raw bytes and parsed inside the processors, so a corrupt record is refused
 * and counted instead of failing deserialisation and stopping the app.
 */
final class DetectionTopology {
  static final String CONSENSUS_SOURCE = "bft-consensus";
  static final String DETECTOR = "equivocation-detector";
  static final String DETECTIONS_SINK = "bft-detections-out";
  static final String DETECTIONS_SOURCE = "bft-detections";
  static final String LISTING = "detection-listing";

  private DetectionTopology() {}

  static void addTo(Topology topology, Topics topics, Cluster cluster, DetectionBounds bounds,
      DetectionMetrics metrics) {
    // From the earliest offset: a fresh detector re-examines everything the topic still holds.
    topology.addSource(AutoOffsetReset.earliest(), CONSENSUS_SOURCE, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), topics.consensus());
    topology.addProcessor(DETECTOR, () -> new EquivocationProcessor(cluster, bounds, metrics, topics.detections()),
        CONSENSUS_SOURCE);
    topology.addStateStore(DetectionStores.slots(), DETECTOR);
    topology.addStateStore(DetectionStores.senders(), DETECTOR);
    topology.addSink(DETECTIONS_SINK, topics.detections(), Serdes.String().serializer(),
        new JsonSerde<>(Detection.class), DETECTOR);

    topology.addSource(AutoOffsetReset.earliest(), DETECTIONS_SOURCE, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), topics.detections());
    topology.addProcessor(LISTING, () -> new DetectionLogProcessor(cluster, metrics), DETECTIONS_SOURCE);
    topology.addStateStore(DetectionStores.log(), LISTING);
    topology.addStateStore(DetectionStores.logSlots(), LISTING);
  }
}
