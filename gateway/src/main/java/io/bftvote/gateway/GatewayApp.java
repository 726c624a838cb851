package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Elections;
import io.bftvote.topics.ReplyVerifier;
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
 * The gateway process: wires the Kafka adapters, the outcome book, the live streams and the HTTP
 * routes together, and owns their lifecycle. {@link #close()} shuts down gracefully (see there),
 * releases every thread and port, and may be called more than once.
 */
public final class GatewayApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
  /** Clients holding {@code ?wait} open at once; more are answered at once as pending. */
  private static final int WAITER_LIMIT = 10_000;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  /** Longer than a send may take (delivery.timeout.ms), so in-flight votes get their answer. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final GatewayConfig config;
  private PrometheusMeterRegistry registry;
  private KafkaClientMeters kafkaMeters;
  private BallotVerifier verifier;
  private BallotPublisher publisher;
  private TopicTail replies;
  private TopicTail blocks;
  private TopicTail detections;
  private Vertx vertx;
  private OutcomeWaiters waiters;
  private EventHub hub;
  private LiveTicker ticker;
  private VoteRoutes votes;
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
    BrokerContact contact = new BrokerContact();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    kafkaMeters = new KafkaClientMeters(registry);
    GatewayMetrics metrics = new GatewayMetrics(registry, contact);
    Admission admission = new Admission(config.admission(), OutcomeBook.DEFAULT_CAPACITY, System::nanoTime);
    OutcomeBook book = new OutcomeBook(cluster.n(), cluster.replyQuorum(), OutcomeBook.DEFAULT_CAPACITY,
        System::nanoTime, elapsed -> {
          metrics.timeToFinal(elapsed);
          admission.finalReached();
        });
    metrics.watchPending(book);
    metrics.watchAdmission(admission);

    Properties producerSettings = KafkaSettings.producer(config);
    publisher = new BallotPublisher(kafkaMeters.watch(new KafkaProducer<>(producerSettings)), topics.requests(),
        KafkaSettings.deliveryTimeout(producerSettings));
    metrics.watchInFlight(publisher::inFlight);
    vertx = Vertx.vertx();
    waiters = new OutcomeWaiters(vertx, WAITER_LIMIT);
    hub = new EventHub(config.limits().streamClients(), metrics);
    LoopHandoff toLoop = new LoopHandoff(task -> api.runOnLoop(task), LoopHandoff.DEFAULT_LIMIT, metrics::handoffDropped);
    ReplyCollector collector = new ReplyCollector(cluster, new ReplyVerifier(cluster), book, metrics,
        status -> toLoop.offer(() -> {
          waiters.decided(status);
          if (contact.isCaughtUp()) {
            hub.publish(StreamRoutes.VOTE, status); // live outcomes only, not the replay of the past
          }
        }));
    replies = new TopicTail("gateway-replies", watched(KafkaSettings.replyConsumer(config)),
        topics.replies(), end -> 0, collector, contact);
    BlockFeed blockFeed = new BlockFeed(cluster, metrics, () -> hub.hasListeners(StreamRoutes.BLOCK),
        block -> toLoop.offer(() -> hub.publish(StreamRoutes.BLOCK, block)));
    blocks = new TopicTail("gateway-blocks", watched(KafkaSettings.blocksConsumer(config)), topics.blocks(),
        blockFeed::startOffset, blockFeed, new BrokerContact());
    DetectionFeed detectionFeed = new DetectionFeed(cluster, metrics,
        detection -> toLoop.offer(() -> hub.publish(StreamRoutes.DETECTION, detection)));
    detections = new TopicTail("gateway-detections", watched(KafkaSettings.detectionsConsumer(config)),
        topics.detections(), end -> 0, detectionFeed, new BrokerContact());

    WebClient web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000));
    ClusterProbe clusterProbe = new ClusterProbe(web, config.replicaAdminUrls());
    BallotCheck ballotCheck = new BallotCheck(elections);
    verifier = new BallotVerifier(config.verifyPool(), ballotCheck::contentProblems);
    votes = new VoteRoutes(ballotCheck, verifier, publisher, book, admission, waiters, metrics, contact,
        new VoteRateLimit(RateLimiter.of(config.limits()), metrics));
    InfoRoutes info = new InfoRoutes(elections, web, config.tallyUrl(), clusterProbe);
    StreamRoutes streams = new StreamRoutes(hub, metrics, blockFeed::recent);
    OpsRoutes ops = new OpsRoutes(new HealthCheck(replies::isRunning, contact), registry);
    DashboardRoutes dashboard = new DashboardRoutes();
    ticker = new LiveTicker(hub, clusterProbe);
    api = new HttpApi(config.port(), List.of(votes::mount, info::mount, streams::mount, ops::mount, dashboard::mount));
    try {
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the gateway cannot listen on port " + config.port() + ": "
          + e.getCause().getMessage() + " (is another gateway or devnet running?)", e.getCause());
    }
    api.runOnLoop(() -> ticker.start(vertx));
    replies.start();
    blocks.start();
    detections.start();
    log.info("gateway listening on port {}: votes go to {} at {}, outcomes need {} of {} matching replies; "
        + "rate limit {}/s per client (bursts of {}); {}", api.port(), topics.requests(), config.bootstrapServers(),
        cluster.replyQuorum(), cluster.n(), config.limits().votesPerSecond(), config.limits().voteBurst(),
        describe(config.admission()));
  }

  private static String describe(AdmissionLimit admission) {
    return admission.isOff() ? "no admission limit"
        : "votes waiting for their outcome limited to " + admission.targetSeconds() + " s of outcomes (at least "
            + admission.floor() + ")";
  }

  private KafkaConsumer<String, byte[]> watched(Properties settings) {
    return kafkaMeters.watch(new KafkaConsumer<>(settings));
  }

  /** The port the HTTP server is bound to. */
  public int port() {
    if (api == null || api.port() < 0) {
      throw new IllegalStateException("the gateway is not listening; call start() first");
    }
    return api.port();
  }

  /** Every route the HTTP server serves, as "METHOD path" (for the OpenAPI test). */
  List<String> routes() {
    return api.routes();
  }

  /**
   * Graceful shutdown: refuse new votes and streams, let every vote already taken reach the broker
   * and be answered, then stop. A vote is answered 202 only once the broker has it, and no vote in
   * flight is cut off, so no client is told "accepted for processing" about a vote that is lost.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (api != null && api.port() >= 0) {
      finishInFlightVotes();
    }
    if (kafkaMeters != null) {
      kafkaMeters.close(); // before the clients it asks
    }
    // The topic readers hand what they read to the event loop: stopped first, or each record read
    // meanwhile fails against a closed loop (hundreds of logged errors at the end of every run).
    for (AutoCloseable reader : new AutoCloseable[] {replies, blocks, detections}) {
      closeQuietly(reader);
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
    }
    for (AutoCloseable part : new AutoCloseable[] {verifier, publisher}) {
      closeQuietly(part);
    }
    if (registry != null) {
      registry.close();
    }
    log.info("gateway stopped");
  }

  private void finishInFlightVotes() {
    log.info("gateway stopping: refusing new votes, finishing the {} being handed to the broker", publisher.inFlight());
    var stopped = api.shutdown(SHUTDOWN_GRACE, () -> {
      votes.stopAccepting();
      ticker.stop();
      hub.closeAll();
      waiters.releaseAll();
    });
    try {
      publisher.drain(SHUTDOWN_GRACE);
      stopped.toCompletionStage().toCompletableFuture().get(SHUTDOWN_GRACE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("requests still open after {} s are cut off: {}", SHUTDOWN_GRACE.toSeconds(), e.toString());
    }
  }

  private static void closeQuietly(AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      log.warn("{} did not close cleanly: {}", part.getClass().getSimpleName(), e.toString());
    }
  }
}
