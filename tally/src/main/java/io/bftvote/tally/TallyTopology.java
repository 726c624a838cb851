package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;

/**
 * The tally's topology: {@code bft.blocks} → {@link TallyProcessor} with its four stores, plus the
 * equivocation detection sub-topologies of {@link DetectionTopology}. Values are read as raw bytes
 * and parsed inside the processors, so a corrupt record is refused and counted like any other bad
 * record instead of failing deserialisation.
 */
public final class TallyTopology {
  public static final String SOURCE = "bft-blocks";
  public static final String PROCESSOR = "tally";

  private TallyTopology() {}

  public static Topology build(Topics topics, Cluster cluster, Elections elections) {
    return build(topics, cluster, elections, TallyMetrics.unregistered(), DetectionMetrics.unregistered());
  }

  public static Topology build(Topics topics, Cluster cluster, Elections elections, TallyMetrics metrics,
      DetectionMetrics detectionMetrics) {
    return build(topics, cluster, elections, metrics, detectionMetrics, DetectionBounds.DEFAULT);
  }

  /** With the detector's memory bounded otherwise than by default (tests reach the cap this way). */
  static Topology build(Topics topics, Cluster cluster, Elections elections, TallyMetrics metrics,
      DetectionMetrics detectionMetrics, DetectionBounds bounds) {
    BlockVerifier verifier = new BlockVerifier(cluster);
    Topology topology = new Topology();
    // From the earliest offset: the tally is rebuilt from the whole ledger, never from "now".
    topology.addSource(AutoOffsetReset.earliest(), SOURCE, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), topics.blocks());
    topology.addProcessor(PROCESSOR, () -> new TallyProcessor(verifier, elections, metrics), SOURCE);
    topology.addStateStore(TallyStores.progress(), PROCESSOR);
    topology.addStateStore(TallyStores.pending(), PROCESSOR);
    topology.addStateStore(TallyStores.voted(), PROCESSOR);
    topology.addStateStore(TallyStores.counts(), PROCESSOR);
    DetectionTopology.addTo(topology, topics, cluster, bounds, detectionMetrics);
    return topology;
  }
}
