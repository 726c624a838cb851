package io.bftvote.replica;

import io.bftvote.replica.byzantine.Mode;
import io.bftvote.replica.core.PbftConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one replica needs to run.
 *
 * @param id this replica's index in the cluster file
 * @param bootstrapServers Kafka bootstrap servers, e.g. "localhost:9092"
 * @param topicPrefix prefix of the five topic names ("" for none)
 * @param dataDir where the ledger ({@code blocks.jsonl}) and the sent log ({@code sent.jsonl}) live
 * @param keyFile this replica's Ed25519 key file; its public key must be {@code replicas[id]} of the cluster
 * @param clusterFile the replicas' public keys
 * @param electionsFile the election definitions (part of the genesis block)
 * @param adminPort HTTP port of {@code /status}, {@code /blocks/{h}}, {@code /metrics}; 0 picks a free one
 * @param maxBatch most ballots per block
 * @param batchDelayMillis how long the primary waits for a batch to fill
 * @param window how many sequence numbers the primary keeps in flight
 * @param kafkaOverrides Kafka client settings applied last (TLS, SASL, ...)
 * @param viewChangeTimeoutMillis how long a backup waits for a pending request before it suspects
 *     the primary and starts a view change; it doubles for every view since the last in which a
 *     checkpoint became stable, up to {@link PbftConfig#DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS}
 * @param byzantine how this replica lies ({@code --byzantine}), or null for an honest replica
 */
public record ReplicaConfig(int id, String bootstrapServers, String topicPrefix, Path dataDir, Path keyFile,
                            Path clusterFile, Path electionsFile, int adminPort, int maxBatch, long batchDelayMillis,
                            int window, Map<String, String> kafkaOverrides, long viewChangeTimeoutMillis,
                            Mode byzantine) {
  public static final int ADMIN_PORT_BASE = 8100;

  public ReplicaConfig {
    if (id < 0) {
      throw new IllegalArgumentException("replica id must not be negative, got " + id);
    }
    require(bootstrapServers, "bootstrapServers");
    require(dataDir, "dataDir");
    require(keyFile, "keyFile");
    require(clusterFile, "clusterFile");
    require(electionsFile, "electionsFile");
    if (adminPort < 0 || adminPort > 65_535) {
      throw new IllegalArgumentException("adminPort must be 0..65535, got " + adminPort);
    }
    if (viewChangeTimeoutMillis < 1 || viewChangeTimeoutMillis > PbftConfig.DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS) {
      throw new IllegalArgumentException("viewChangeTimeoutMillis must be 1.."
          + PbftConfig.DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS + ", got " + viewChangeTimeoutMillis);
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
  }

  /** An honest replica. */
  public ReplicaConfig(int id, String bootstrapServers, String topicPrefix, Path dataDir, Path keyFile,
                       Path clusterFile, Path electionsFile, int adminPort, int maxBatch, long batchDelayMillis,
                       int window, Map<String, String> kafkaOverrides, long viewChangeTimeoutMillis) {
    this(id, bootstrapServers, topicPrefix, dataDir, keyFile, clusterFile, electionsFile, adminPort, maxBatch,
        batchDelayMillis, window, kafkaOverrides, viewChangeTimeoutMillis, null);
  }

  /** An honest replica with the default view change timeout. */
  public ReplicaConfig(int id, String bootstrapServers, String topicPrefix, Path dataDir, Path keyFile,
                       Path clusterFile, Path electionsFile, int adminPort, int maxBatch, long batchDelayMillis,
                       int window, Map<String, String> kafkaOverrides) {
    this(id, bootstrapServers, topicPrefix, dataDir, keyFile, clusterFile, electionsFile, adminPort, maxBatch,
        batchDelayMillis, window, kafkaOverrides, PbftConfig.DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS);
  }

  /** The defaults of DESIGN.md: admin port 8100+id, no topic prefix, the core's batching defaults. */
  public static ReplicaConfig defaults(int id, String bootstrapServers, Path dataDir, Path keyFile, Path clusterFile,
                                      Path electionsFile) {
    return new ReplicaConfig(id, bootstrapServers, "", dataDir, keyFile, clusterFile, electionsFile,
        ADMIN_PORT_BASE + id, PbftConfig.DEFAULT_MAX_BATCH, PbftConfig.DEFAULT_BATCH_DELAY_MILLIS,
        PbftConfig.DEFAULT_WINDOW, Map.of());
  }

  /** The same replica with another admin port (tests use 0). */
  public ReplicaConfig withAdminPort(int port) {
    return new ReplicaConfig(id, bootstrapServers, topicPrefix, dataDir, keyFile, clusterFile, electionsFile, port,
        maxBatch, batchDelayMillis, window, kafkaOverrides, viewChangeTimeoutMillis, byzantine);
  }

  /** The same replica with another view change timeout. */
  public ReplicaConfig withViewChangeTimeout(long millis) {
    return new ReplicaConfig(id, bootstrapServers, topicPrefix, dataDir, keyFile, clusterFile, electionsFile,
        adminPort, maxBatch, batchDelayMillis, window, kafkaOverrides, millis, byzantine);
  }

  /** The same replica lying as {@code mode} says (null: honest). Only tests and devnet demos want this. */
  public ReplicaConfig withByzantine(Mode mode) {
    return new ReplicaConfig(id, bootstrapServers, topicPrefix, dataDir, keyFile, clusterFile, electionsFile,
        adminPort, maxBatch, batchDelayMillis, window, kafkaOverrides, viewChangeTimeoutMillis, mode);
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
