package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: wires the Kafka adapters, the outcome book and the HTTP routes together,
 * and owns their lifecycle. {@link #close()} releases every thread and port and may be called
 * more than once.
 */
public final class GatewayApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
  /** Clients holding {@code ?wait} open at once; more are answered at once as pending. */
  private static final int WAITER_LIMIT = 10_000;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final GatewayConfig config;
  private PrometheusMeterRegistry registry;
  private BallotPublisher publisher;
  private ReplyConsumer replies;
  private Vertx vertx;
  private HttpApi api;
  private boolean started;
  private boolean closed;

  public GatewayApp(GatewayConfig config) {
    this.config = config;
  }

  public synchronized void start() throws Exception {
    if (started || closed) {
      throw new IllegalStateException("a gateway starts once; create a new one to start again");
    }
    started = true;
    try {
      startComponents();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startComponents() throws Exception {
    Cluster cluster = Cluster.load(config.clusterFile());
    Elections elections = Elections.load(config.electionsFile());
    Topics topics = new Topics(config.topicPrefix());
    OutcomeBook book = new OutcomeBook(cluster.n(), cluster.replyQuorum(), OutcomeBook.DEFAULT_CAPACITY);
    BrokerContact contact = new BrokerContact();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, book, contact);

    Properties producerSettings = KafkaSettings.producer(config);
    publisher = new BallotPublisher(new KafkaProducer<>(producerSettings), topics.requests(),
        KafkaSettings.deliveryTimeout(producerSettings));
    vertx = Vertx.vertx();
    OutcomeWaiters waiters = new OutcomeWaiters(vertx, WAITER_LIMIT);
    WebClient web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000));
    replies = new ReplyConsumer(new KafkaConsumer<>(KafkaSettings.replyConsumer(config)), topics.replies(),
        cluster, book, metrics, contact, status -> api.runOnLoop(() -> waiters.decided(status)));
    HealthCheck health = new HealthCheck(replies::isRunning, contact);

    VoteRoutes votes = new VoteRoutes(new BallotCheck(elections), publisher, book, waiters, metrics, contact);
    InfoRoutes info = new InfoRoutes(elections, web, config.tallyUrl(), config.replicaAdminUrls());
    OpsRoutes ops = new OpsRoutes(health, registry);
    api = new HttpApi(config.port(), List.of(votes::mount, info::mount, ops::mount));
    try {
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the gateway cannot listen on port " + config.port() + ": "
          + e.getCause().getMessage() + " (is another gateway or devnet running?)", e.getCause());
    }
    replies.start();
    log.info("gateway listening on port {}: votes go to {} at {}, outcomes need {} of {} matching replies",
        api.port(), topics.requests(), config.bootstrapServers(), cluster.replyQuorum(), cluster.n());
  }

  /** The port the HTTP server is bound to. */
  public int port() {
    if (api == null || api.port() < 0) {
      throw new IllegalStateException("the gateway is not listening; call start() first");
    }
    return api.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Stop taking requests first, then stop the adapters they would have used.
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
    }
    if (replies != null) {
      replies.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (registry != null) {
      registry.close();
    }
    log.info("gateway stopped");
  }
}
