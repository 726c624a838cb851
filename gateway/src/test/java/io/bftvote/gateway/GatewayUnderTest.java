package io.bftvote.gateway;

import io.bftvote.topics.Elections;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running {@link GatewayApp} with a cluster file of four replicas whose keys the test holds, the
 * demo elections, and an HTTP client to talk to it.
 */
final class GatewayUnderTest implements AutoCloseable {
  /** Short Kafka timeouts, so a test against a missing broker answers quickly. */
  static final Map<String, String> IMPATIENT_KAFKA = Map.of(
      "max.block.ms", "300", "request.timeout.ms", "500", "delivery.timeout.ms", "1000", "linger.ms", "0");

  /** The replicas named in this gateway's cluster file. */
  final TestCluster replicas;
  final GatewayApp app;
  private final WebClient http;

  private GatewayUnderTest(GatewayApp app, WebClient http, TestCluster replicas) {
    this.app = app;
    this.http = http;
    this.replicas = replicas;
  }

  static GatewayUnderTest start(Vertx vertx, Path dir, String bootstrapServers, String tallyUrl,
      List<String> replicaAdminUrls, Map<String, String> kafkaOverrides) throws Exception {
    return start(vertx, dir, bootstrapServers, tallyUrl, replicaAdminUrls, kafkaOverrides, new TestCluster());
  }

  /** A gateway trusting the given replicas (to start a second gateway on the same cluster). */
  static GatewayUnderTest start(Vertx vertx, Path dir, String bootstrapServers, String tallyUrl,
      List<String> replicaAdminUrls, Map<String, String> kafkaOverrides, TestCluster replicas) throws Exception {
    return start(vertx, dir, bootstrapServers, tallyUrl, replicaAdminUrls, kafkaOverrides, replicas, ApiLimits.DEFAULT);
  }

  /** A gateway with its own limits (a tiny rate limit, few streams). */
  static GatewayUnderTest start(Vertx vertx, Path dir, String bootstrapServers, String tallyUrl,
      List<String> replicaAdminUrls, Map<String, String> kafkaOverrides, TestCluster replicas, ApiLimits limits)
      throws Exception {
    Path clusterFile = dir.resolve("cluster.json");
    Path electionsFile = dir.resolve("elections.json");
    replicas.cluster.save(clusterFile);
    Elections.demo().save(electionsFile);
    GatewayApp app = new GatewayApp(new GatewayConfig(0, bootstrapServers, "", clusterFile, electionsFile,
        tallyUrl, replicaAdminUrls, kafkaOverrides, limits));
    app.start();
    // Room for many requests at once: a test may hold dozens open (a shutdown with votes in flight).
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    return new GatewayUnderTest(app, http, replicas);
  }

  /** Opens a server-sent-event stream and collects its events. */
  SseClient stream(Vertx vertx, String path) {
    return SseClient.open(vertx, app.port(), path);
  }

  /** The Prometheus text of /metrics. */
  String metrics() {
    return get("/metrics").bodyAsString();
  }

  HttpResponse<Buffer> get(String path) {
    return await(http.get(app.port(), "localhost", path).send());
  }

  HttpResponse<Buffer> post(String path, String body) {
    return post(path, body, "application/json");
  }

  HttpResponse<Buffer> post(String path, String body, String contentType) {
    return await(http.post(app.port(), "localhost", path).putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body)));
  }

  /** Starts a POST without waiting for its answer (for {@code ?wait}). */
  io.vertx.core.Future<HttpResponse<Buffer>> postLater(String path, String body) {
    return http.post(app.port(), "localhost", path).sendBuffer(Buffer.buffer(body));
  }

  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 20 s", e);
    }
  }

  /** A localhost port nothing listens on (free a moment ago). */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    app.close();
  }
}
