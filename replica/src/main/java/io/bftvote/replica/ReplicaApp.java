package io.bftvote.replica;

import io.bftvote.replica.admin.AdminServer;
import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.admin.ReplicaStatus;
import io.bftvote.replica.byzantine.Misbehaviour;
import io.bftvote.replica.byzantine.Traitor;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.replica.kafka.KafkaClients;
import io.bftvote.replica.kafka.KafkaReplica;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import io.bftvote.topics.Topics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bftvote replica: loads its key and the cluster and election definitions, opens its ledger,
 * joins the others over Kafka ({@link KafkaReplica}) and serves its admin HTTP API.
 */
public final class ReplicaApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaApp.class);
  private final ReplicaConfig config;
  private Ledger ledger;
  private ReplicaMetrics metrics;
  private volatile KafkaReplica replica;
  private AdminServer admin;
  private volatile int adminPort = -1;
  private boolean closed;

  public ReplicaApp(ReplicaConfig config) {
    this.config = config;
  }

  public synchronized void start() throws Exception {
    if (replica != null || closed) {
      throw new IllegalStateException("replica " + config.id() + " can be started once");
    }
    try {
      startParts();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    Cluster cluster = Cluster.load(config.clusterFile());
    Elections elections = Elections.load(config.electionsFile());
    Ed25519.KeyPair key = loadOwnKey(cluster);
    // The log must hold a checkpoint interval plus the primary's window (PbftConfig says why).
    long logWindow = Math.max(PbftConfig.DEFAULT_WATERMARK_WINDOW, PbftConfig.DEFAULT_CHECKPOINT_INTERVAL + config.window());
    PbftConfig pbft = new PbftConfig(config.id(), cluster, config.maxBatch(), config.batchDelayMillis(),
        config.window(), logWindow, PbftConfig.DEFAULT_CHECKPOINT_INTERVAL, config.viewChangeTimeoutMillis(),
        PbftConfig.DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS);
    ledger = Ledger.open(config.dataDir(), elections, cluster);
    metrics = new ReplicaMetrics(this::status, this::pendingRequests);
    Topics topics = new Topics(config.topicPrefix());
    KafkaClients clients = new KafkaClients(config.bootstrapServers(), config.kafkaOverrides(),
        "bftvote-replica-" + config.id());
    replica = new KafkaReplica(pbft, key, ledger, config.dataDir(), clients, topics, metrics, misbehaviour(cluster, key));
    replica.start();
    admin = new AdminServer(config.adminPort(), this::status, this::durableBlock, metrics);
    admin.start();
    adminPort = admin.port();
    ReplicaStatus s = status();
    log.info("replica {} of {} (f={}) started: view {}, primary {}, height {}, head {}; admin http://localhost:{}; "
        + "kafka {} (topic prefix '{}'); data {}", config.id(), cluster.n(), cluster.f(), s.view(), s.primary(),
        s.height(), s.head(), adminPort, config.bootstrapServers(), config.topicPrefix(), config.dataDir());
  }

  /** Honest, unless the config makes this replica Byzantine: then it says so loudly, once. */
  private Misbehaviour misbehaviour(Cluster cluster, Ed25519.KeyPair key) {
    if (config.byzantine() == null) {
      return Misbehaviour.none();
    }
    log.warn("replica {} is BYZANTINE on purpose (--byzantine {}): it {}", config.id(), config.byzantine().wire(),
        config.byzantine().description());
    return config.byzantine().lyingAs(Traitor.seededById(config.id(), cluster, key));
  }

  /** The replica's key, refusing one that is not the cluster's key for this id (it would sign as someone else). */
  private Ed25519.KeyPair loadOwnKey(Cluster cluster) {
    if (!cluster.isReplica(config.id())) {
      throw new IllegalArgumentException("replica id " + config.id() + " is not in the cluster of " + cluster.n()
          + " replicas in " + config.clusterFile());
    }
    Ed25519.KeyPair key = KeyFile.load(config.keyFile());
    if (!key.publicKey().equals(cluster.publicKey(config.id()))) {
      throw new IllegalArgumentException("key file " + config.keyFile() + " holds public key " + key.publicKey()
          + " but " + config.clusterFile() + " lists " + cluster.publicKey(config.id()) + " for replica " + config.id());
    }
    return key;
  }

  /** The admin HTTP port actually bound (-1 before start). */
  public int adminPort() {
    return adminPort;
  }

  public long height() {
    return status().height();
  }

  public String head() {
    return status().head();
  }

  public long view() {
    return status().view();
  }

  /** False before start, after close, and if the replica's event loop failed (the log says why). */
  public boolean isRunning() {
    return replica != null && replica.isRunning();
  }

  /** What {@code GET /status} answers; safe from any thread. */
  public ReplicaStatus status() {
    if (replica != null) {
      return replica.status();
    }
    if (ledger != null) {
      return new ReplicaStatus(config.id(), 0, 0, ledger.height(), 0, ledger.head());
    }
    return new ReplicaStatus(config.id(), 0, 0, 0, 0, null);
  }

  /** A block the admin API may show: one a crash cannot take back (none above the durable height). */
  private Optional<CertifiedBlock> durableBlock(long height) {
    Ledger open = ledger;
    return open == null || height > open.durableHeight() ? Optional.empty() : open.block(height);
  }

  private int pendingRequests() {
    return replica == null ? 0 : replica.pendingRequests();
  }

  /** Stops serving, stops the replica, closes the ledger. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close();
    }
    if (replica != null) {
      replica.close();
    }
    if (ledger != null) {
      ledger.close();
      ledger = null;
    }
    if (metrics != null) {
      metrics.close();
    }
    log.info("replica {} stopped at height {}", config.id(), height());
  }
}
