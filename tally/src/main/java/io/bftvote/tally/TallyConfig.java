package io.bftvote.tally;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the tally app needs to run. {@code port} 0 binds any free port (see
 * {@link TallyApp#port()}); {@code kafkaOverrides} are applied last to the Kafka Streams config,
 * which is how a one-node broker gets {@code replication.factor=1} for the internal topics.
 */
public record TallyConfig(int port, String bootstrapServers, String topicPrefix, Path stateDir,
    Path clusterFile, Path electionsFile, String applicationId, Map<String, String> kafkaOverrides) {
  public static final int DEFAULT_PORT = 8090;
  public static final String DEFAULT_APPLICATION_ID = "bftvote-tally";

  public TallyConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("tally port must be 0..65535 (0 = any free port), got " + port);
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("tally needs the Kafka bootstrap servers");
    }
    if (stateDir == null) throw new IllegalArgumentException("tally needs a state directory");
    if (clusterFile == null) throw new IllegalArgumentException("tally needs the cluster file (replica keys)");
    if (electionsFile == null) throw new IllegalArgumentException("tally needs the elections file");
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    applicationId = applicationId == null || applicationId.isBlank() ? DEFAULT_APPLICATION_ID : applicationId;
    kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
  }
}
