package io.bftvote.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the gateway needs from outside. Port 0 binds any free port ({@link GatewayApp#port()}
 * tells which). {@code kafkaOverrides} are applied last to the producer and every consumer, so
 * an operator (or a test) can tighten timeouts. {@code limits} null means {@link ApiLimits#DEFAULT},
 * {@code verifyPool} null {@link VerifyPool#DEFAULT}, {@code admission} null {@link AdmissionLimit#DEFAULT}.
 */
public record GatewayConfig(int port, String bootstrapServers, String topicPrefix, Path clusterFile,
    Path electionsFile, String tallyUrl, List<String> replicaAdminUrls, Map<String, String> kafkaOverrides,
    ApiLimits limits, VerifyPool verifyPool, AdmissionLimit admission) {

  /** The gateway with the default {@link AdmissionLimit}. */
  public GatewayConfig(int port, String bootstrapServers, String topicPrefix, Path clusterFile,
      Path electionsFile, String tallyUrl, List<String> replicaAdminUrls, Map<String, String> kafkaOverrides,
      ApiLimits limits, VerifyPool verifyPool) {
    this(port, bootstrapServers, topicPrefix, clusterFile, electionsFile, tallyUrl, replicaAdminUrls, kafkaOverrides,
        limits, verifyPool, AdmissionLimit.DEFAULT);
  }

  /** The gateway with the default {@link VerifyPool}. */
  public GatewayConfig(int port, String bootstrapServers, String topicPrefix, Path clusterFile,
      Path electionsFile, String tallyUrl, List<String> replicaAdminUrls, Map<String, String> kafkaOverrides,
      ApiLimits limits) {
    this(port, bootstrapServers, topicPrefix, clusterFile, electionsFile, tallyUrl, replicaAdminUrls, kafkaOverrides,
        limits, VerifyPool.DEFAULT);
  }

  /** The gateway with the default {@link ApiLimits}. */
  public GatewayConfig(int port, String bootstrapServers, String topicPrefix, Path clusterFile,
      Path electionsFile, String tallyUrl, List<String> replicaAdminUrls, Map<String, String> kafkaOverrides) {
    this(port, bootstrapServers, topicPrefix, clusterFile, electionsFile, tallyUrl, replicaAdminUrls, kafkaOverrides,
        ApiLimits.DEFAULT);
  }

  public GatewayConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (any free port) to 65535, got " + port);
    }
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clusterFile, "clusterFile");
    Objects.requireNonNull(electionsFile, "electionsFile");
    Objects.requireNonNull(tallyUrl, "tallyUrl");
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    tallyUrl = withoutTrailingSlash(tallyUrl);
    replicaAdminUrls = replicaAdminUrls == null ? List.of()
        : replicaAdminUrls.stream().map(GatewayConfig::withoutTrailingSlash).toList();
    kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
    limits = limits == null ? ApiLimits.DEFAULT : limits;
    verifyPool = verifyPool == null ? VerifyPool.DEFAULT : verifyPool;
    admission = admission == null ? AdmissionLimit.DEFAULT : admission;
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
