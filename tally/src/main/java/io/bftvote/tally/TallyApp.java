package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tally process: the {@link TallyTopology} (counting and equivocation detection) under Kafka
 * Streams with exactly-once processing, plus its HTTP API. {@link #close()} is idempotent and releases the stream thread and the port.
 */
public final class TallyApp implements AutoCloseable {
  /**
   * How often the tally commits a transaction: its store changes, its detections and its offsets.
   * Interactive queries read the stores directly and see a counted block at once; what waits for a
   * commit is the changelog and a read-committed reader of {@code bft.detections}. Each commit is
   * a transaction of several broker requests, and at 100 ms they were a steady cost at any load.
   */
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final long HTTP_TIMEOUT_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(TallyApp.class);

  private final TallyConfig config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private KafkaStreams streams;
  private Vertx vertx;
  private HttpServer server;
  private boolean started;
  private boolean closed;

  public TallyApp(TallyConfig config) {
    this.config = config;
  }

  public synchronized void start() throws Exception {
    if (started || closed) {
      throw new IllegalStateException("a TallyApp starts once; create a new one to start again");
    }
    started = true;
    Cluster cluster = load("cluster", config.clusterFile(), Cluster::load);
    Elections elections = load("elections", config.electionsFile(), Elections::load);
    Topics topics = new Topics(config.topicPrefix());
    streams = new KafkaStreams(TallyTopology.build(topics, cluster, elections, new TallyMetrics(registry),
        new DetectionMetrics(registry)), streamsProperties());
    streams.setUncaughtExceptionHandler(failure -> {
      log.error("Tally stream thread failed; stopping the tally (/health now reports down)", failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    try {
      streams.start();
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)); // a few small reads per request
      TallyHttp http = new TallyHttp(TallyQueries.of(elections, streams), DetectionQueries.of(streams),
          streams::state, registry);
      // HTTP/1.1 only, as the gateway (HttpApi): no h2c upgrade for a JDK client to trip over.
      server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(http.router(vertx)).listen(config.port())
          .await(HTTP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw e;
    }
    log.info("Tally started: counting certified blocks from {} and watching {} for equivocation (published to {}) "
        + "at {} (application id {}, {} replicas, {} elections); HTTP on port {}", topics.blocks(),
        topics.consensus(), topics.detections(), config.bootstrapServers(), config.applicationId(), cluster.n(),
        elections.elections().size(), port());
  }

  /** The HTTP port actually bound (the configured one, or the free port chosen for port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the tally is not started");
    }
    return server.actualPort();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      awaitQuietly(() -> server.close().await(HTTP_TIMEOUT_SECONDS, TimeUnit.SECONDS), "HTTP server");
    }
    if (vertx != null) {
      awaitQuietly(() -> vertx.close().await(HTTP_TIMEOUT_SECONDS, TimeUnit.SECONDS), "Vert.x");
    }
    // Leave the consumer group: a restarted tally then takes its partition at once instead of
    // waiting out the old member's session timeout. No other instance is waiting to take over.
    if (streams != null && !streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
      log.warn("Kafka Streams did not stop within {}; its threads may linger", CLOSE_TIMEOUT);
    }
    registry.close();
    log.info("Tally stopped");
  }

  private Properties streamsProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // Store updates and the consumed offset commit atomically: a crash never counts a block twice.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Under load the producer may log CONCURRENT_TRANSACTIONS, then OUT_OF_ORDER_SEQUENCE_NUMBER "retrying"
    // (and the broker an OutOfOrderSequenceException): a transaction's first batch raced the previous
    // commit's markers, and transactions v2 refuses the batches pipelined behind it until it lands
    // (KAFKA-18202). The producer retries them in order; nothing is lost, duplicated or re-processed.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL.toMillis()));
    // Each input topic has one partition, hence three small tasks (blocks, consensus, detections):
    // one thread serves them all and leaves the machine's cores to the replicas of a devnet.
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    // A waiting block goes to the pending store's changelog and may be as large as a block on the topic.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        String.valueOf(TallyStores.MAX_CHANGELOG_RECORD_BYTES));
    // Blocks and consensus messages in batches of 16 KiB or every 50 ms: the tally is not on the
    // vote's critical path, and fetching after every record or two is a broker request each time.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), "16384");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    // After a crash (kill -9) the dead instance still holds the group until its session expires; the
    // default 45 s would keep the tallies unqueryable that long after a restart.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
    // Opt in to Kafka 5.0's default now (and silence the start-up warning about it).
    props.put("processing.exception.handler.global.enabled", "true");
    props.putAll(config.kafkaOverrides());
    return props;
  }

  /** Loads a setup file, naming the file in the error: the parsers' own messages do not. */
  private static <T> T load(String what, Path file, Function<Path, T> loader) {
    try {
      return loader.apply(file);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot load the " + what + " file " + file + ": " + e.getMessage(), e);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Closing goes on past a failed step, so one stuck resource does not leak the others. */
  private static void awaitQuietly(Step step, String what) {
    try {
      step.run();
    } catch (Exception e) {
      log.warn("Closing the tally's {} failed: {}", what, e.toString());
    }
  }
}
