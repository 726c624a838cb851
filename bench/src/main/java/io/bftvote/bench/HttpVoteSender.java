package io.bftvote.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts ballots to the gateway's {@code POST /api/votes} over many keep-alive connections
 * (Vert.x WebClient: asynchronous, so a slow answer never holds up the schedule).
 *
 * <p>The gateway limits votes per client address (DESIGN.md: 429 over the rate limit), because
 * one address flooding it is an attack, while real load comes from many polling stations. On a
 * loopback gateway the load can come from many addresses too: every 127.x.y.z is this machine,
 * so client k binds 127.0.0.(k+2). Each client has its own connection pool; ballots go round
 * robin. Elsewhere the load comes from this machine's one address.
 */
final class HttpVoteSender implements VoteSender {
  static final String VOTES_PATH = "/api/votes";
  /** Requests queued for a connection, per client; beyond it a ballot is refused as "client-queue-full". */
  static final int WAIT_QUEUE_LIMIT = 50_000;
  private static final int MAX_LOOPBACK_CLIENTS = 250;
  private static final long REQUEST_TIMEOUT_MILLIS = 30_000;

  private final Vertx vertx;
  private final List<WebClient> clients = new ArrayList<>();
  private final String gateway;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param gateway the gateway's base URL, e.g. http://localhost:8080
   * @param clients distinct client addresses (only on a loopback gateway; otherwise 1)
   * @param connections keep-alive connections in all, spread over the clients
   */
  HttpVoteSender(String gateway, int clients, int connections) {
    URI uri = URI.create(gateway);
    if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--gateway must be an http:// URL with a host, got " + gateway);
    }
    if (clients < 1 || connections < 1) {
      throw new IllegalArgumentException("--clients and --connections must be at least 1");
    }
    int clientCount = isLoopback(uri.getHost()) ? Math.min(clients, MAX_LOOPBACK_CLIENTS) : 1;
    this.gateway = gateway;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, Runtime.getRuntime()
        .availableProcessors())));
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    int perClient = Math.max(1, connections / clientCount);
    for (int k = 0; k < clientCount; k++) {
      WebClientConfig config = new WebClientConfig().setUserAgent("bftvote-bench");
      config.setDefaultHost(uri.getHost()).setDefaultPort(port).setConnectTimeout(Duration.ofSeconds(5));
      if (clientCount > 1) {
        // Vert.x 5.1 ignores WebClientOptions.setLocalAddress for HTTP; the TCP config of WebClientConfig applies it.
        config.getTcpConfig().setLocalAddress(SocketAddress.inetSocketAddress(0, "127.0.0." + (k + 2)));
      }
      this.clients.add(WebClient.create(vertx, config,
          new PoolOptions().setHttp1MaxSize(perClient).setMaxWaitQueueSize(WAIT_QUEUE_LIMIT)));
    }
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.");
  }

  @Override
  public CompletionStage<Handover> send(SignedBallot ballot) {
    WebClient client = clients.get((int) (next.getAndIncrement() % clients.size()));
    CompletableFuture<Handover> handed = new CompletableFuture<>();
    client.post(VOTES_PATH).putHeader("content-type", "application/json").timeout(REQUEST_TIMEOUT_MILLIS)
        .sendBuffer(Buffer.buffer(ballot.json()))
        .onSuccess(response -> handed.complete(response.statusCode() == 202 || response.statusCode() == 200
            ? Handover.TAKEN : Handover.refused("http-" + response.statusCode())))
        .onFailure(error -> handed.complete(Handover.refused(label(error))));
    return handed;
  }

  /** A short, stable label for a transport failure: its exception class. */
  private static String label(Throwable error) {
    String name = error.getClass().getSimpleName();
    return name.contains("Timeout") ? "http-timeout" : name.contains("Connect") ? "connect-failed" : "error-" + name;
  }

  @Override
  public String mode() {
    return "http";
  }

  @Override
  public String target() {
    return gateway + VOTES_PATH;
  }

  @Override
  public int clients() {
    return clients.size();
  }

  @Override
  public void close() {
    // Closing Vert.x closes the clients with it; closing a client first would fail the answers still on their way.
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing after the measurement: nothing left to report on
    }
  }
}
