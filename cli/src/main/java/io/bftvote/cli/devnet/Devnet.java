package io.bftvote.cli.devnet;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.gateway.GatewayApp;
import io.bftvote.gateway.GatewayConfig;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.replica.ReplicaConfig;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.tally.TallyApp;
import io.bftvote.tally.TallyConfig;
import io.bftvote.topics.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole bftvote network in one JVM: the embedded broker, n replicas, the tally app and the
 * gateway, all keeping their state under one data directory. Started in dependency order and
 * closed in the reverse order; used by {@code ./bftvote devnet} and by the end-to-end test.
 */
public final class Devnet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Devnet.class);
  /** One broker node can only hold one copy of Kafka Streams' internal topics. */
  private static final Map<String, String> ONE_NODE_STREAMS = Map.of("replication.factor", "1");

  private final DevnetOptions options;
  private final DevnetFiles files;
  /** Everything started so far, most recent first: the order to close in. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private EmbeddedKafka broker;
  private final List<ReplicaApp> replicas = new ArrayList<>();
  private TallyApp tally;
  private GatewayApp gateway;
  private boolean closed;

  private Devnet(DevnetOptions options) {
    this.options = options;
    this.files = new DevnetFiles(options.dataDir());
  }

  /** Starts every component; if one fails, stops those already running and rethrows. */
  public static Devnet start(DevnetOptions options) {
    Devnet devnet = new Devnet(options);
    try {
      devnet.startAll();
      return devnet;
    } catch (RuntimeException | Error e) {
      devnet.close();
      throw e;
    }
  }

  private void startAll() {
    files.prepare(options.replicas());
    broker = EmbeddedKafka.start(files.brokerDir(), options.brokerPort());
    started.push(broker);
    broker.createTopics(new Topics(options.topicPrefix()));
    for (int i = 0; i < options.replicas(); i++) {
      ReplicaApp replica = new ReplicaApp(replicaConfig(i));
      startComponent("replica " + i, options.adminPort(i), replica, replica::start);
      replicas.add(replica);
    }
    tally = new TallyApp(new TallyConfig(options.tallyPort(), broker.bootstrapServers(), options.topicPrefix(),
        files.tallyDir(), files.clusterFile(), files.electionsFile(), TallyConfig.DEFAULT_APPLICATION_ID,
        ONE_NODE_STREAMS));
    startComponent("the tally app", options.tallyPort(), tally, tally::start);
    gateway = new GatewayApp(new GatewayConfig(options.gatewayPort(), broker.bootstrapServers(),
        options.topicPrefix(), files.clusterFile(), files.electionsFile(), tallyUrl(), replicaAdminUrls(), Map.of(),
        options.gatewayLimits()));
    startComponent("the gateway", options.gatewayPort(), gateway, gateway::start);
    log.info("devnet up: {} replicas, gateway {}, data in {}", replicas.size(), gatewayUrl(), options.dataDir());
  }

  /** A start step of one component; the apps declare {@code throws Exception}. */
  private interface Start {
    void run() throws Exception;
  }

  /** Starts a component, remembering it for close(); a failure names the component (and a taken port). */
  private void startComponent(String name, int port, AutoCloseable component, Start start) {
    started.push(component);
    try {
      start.run();
    } catch (Exception e) {
      String hint = isBindFailure(e) && port != 0 ? " — port " + port + " is taken; choose other ports with --port-base" : "";
      throw new IllegalStateException(name + " could not start: " + e.getMessage() + hint, e);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  private ReplicaConfig replicaConfig(int id) {
    return new ReplicaConfig(id, broker.bootstrapServers(), options.topicPrefix(), files.replicaDir(id),
        files.keyFile(id), files.clusterFile(), files.electionsFile(), options.adminPort(id),
        PbftConfig.DEFAULT_MAX_BATCH, PbftConfig.DEFAULT_BATCH_DELAY_MILLIS, PbftConfig.DEFAULT_WINDOW, Map.of())
        .withByzantine(options.byzantine().containsKey(id) ? options.byzantine().get(id).replicaMode() : null);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String gatewayUrl() {
    return "http://localhost:" + gateway.port();
  }

  public String tallyUrl() {
    return "http://localhost:" + tally.port();
  }

  public List<String> replicaAdminUrls() {
    return replicas.stream().map(r -> "http://localhost:" + r.adminPort()).toList();
  }

  public List<ReplicaApp> replicas() {
    return List.copyOf(replicas);
  }

  public DevnetFiles files() {
    return files;
  }

  /** Stops the gateway, the tally, the replicas and the broker, in that order. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        // Keep going: a component that fails to stop must not keep the others (and the broker) running.
        log.warn("{} did not stop cleanly: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
    log.info("devnet stopped; its state stays in {}", options.dataDir());
  }
}
