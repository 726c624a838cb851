package io.bftvote.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The server properties of one node that is both the KRaft controller and the only broker. */
final class BrokerConfig {
  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerConfig() {
  }

  static Map<String, Object> combinedNode(Path dataDir, int port, int controllerPort) {
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    // A static one-voter quorum (kraft.version 0): the voter's address is read from this config
    // at every start, not from the metadata log, so the controller may move to another free port
    // between runs on the same directory.
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("listeners", BROKER_LISTENER + "://localhost:" + port + ","
        + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://localhost:" + port);
    props.put("listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("log.dirs", dataDir.toString());
    props.put("metadata.log.dir", dataDir.toString());
    props.putAll(singleNodeInternalTopics());
    // Topics are created on purpose with their retention and size settings (Topics.ensure); an
    // auto-created topic would silently get broker defaults, such as 7-day retention for blocks.
    props.put("auto.create.topics.enable", "false");
    // A dev broker on a small machine: no rebalance grace period, fewer threads, a small cleaner.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    props.put("unstable.api.versions.enable", "false");
    props.put("unstable.feature.versions.enable", "false");
    return props;
  }

  /**
   * Kafka's internal topics default to replication factor 3 and would never be created on one
   * node; consumer groups and transactions (Kafka Streams exactly_once_v2) need them.
   */
  private static Map<String, String> singleNodeInternalTopics() {
    return Map.of(
        "offsets.topic.replication.factor", "1",
        "offsets.topic.num.partitions", "1",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "transaction.state.log.num.partitions", "1",
        "share.coordinator.state.topic.replication.factor", "1",
        "share.coordinator.state.topic.min.isr", "1",
        "default.replication.factor", "1",
        "min.insync.replicas", "1");
  }
}
