package io.bftvote.replica.admin;

import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's read-only admin HTTP API (DESIGN.md): {@code GET /status}, {@code GET /blocks/{height}}
 * and {@code GET /metrics}. It only reads what the replica publishes for other threads: the status
 * snapshot, blocks from disk, and the metrics registry.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  private static final String HEIGHT = "height";
  private static final String JSON = "application/json";

  private final int requestedPort;
  private final Supplier<ReplicaStatus> status;
  private final LongFunction<Optional<CertifiedBlock>> blocks;
  private final ReplicaMetrics metrics;
  private Vertx vertx;
  private HttpServer server;

  public AdminServer(int port, Supplier<ReplicaStatus> status, LongFunction<Optional<CertifiedBlock>> blocks,
                     ReplicaMetrics metrics) {
    this.requestedPort = port;
    this.status = status;
    this.blocks = blocks;
    this.metrics = metrics;
  }

  /** Binds the port (0 picks a free one) and returns once it listens. */
  public void start() throws Exception {
    // One event loop is plenty for an admin API, and devnet runs several replicas in one JVM.
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    Router router = Router.router(vertx);
    router.get("/status").handler(this::status);
    router.get("/blocks/:height").handler(this::parseHeight).handler(this::block);
    router.get("/metrics").handler(this::metrics);
    try {
      // HTTP/1.1 only, as the gateway (HttpApi): no h2c upgrade for a JDK client to trip over.
      server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(router).listen(requestedPort)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot listen on admin port " + requestedPort + ": " + e.getMessage(), e);
    }
  }

  /** The port it listens on (the real one when started with port 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  private void status(RoutingContext ctx) {
    ctx.response().putHeader("content-type", JSON).end(Json.writeString(status.get()));
  }

  private void parseHeight(RoutingContext ctx) {
    String text = ctx.pathParam(HEIGHT);
    try {
      long height = Long.parseLong(text);
      if (height < 0) {
        error(ctx, 400, "height must not be negative, got " + height);
        return;
      }
      ctx.put(HEIGHT, height);
      ctx.next();
    } catch (NumberFormatException e) {
      error(ctx, 400, "height must be a whole number, got '" + text + "'");
    }
  }

  private void block(RoutingContext ctx) {
    long height = ctx.get(HEIGHT);
    // Reading the ledger file blocks, so it runs off the event loop.
    vertx.executeBlocking(() -> blocks.apply(height)).onComplete(result -> {
      if (result.failed()) {
        log.warn("reading block {} failed: {}", height, result.cause().toString());
        error(ctx, 500, "cannot read block " + height + ": " + result.cause().getMessage());
      } else if (result.result().isEmpty()) {
        error(ctx, 404, "no block at height " + height + " yet (height is " + status.get().height() + ")");
      } else {
        ctx.response().putHeader("content-type", JSON).end(Json.writeString(result.result().get()));
      }
    });
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
  }

  private static void error(RoutingContext ctx, int code, String message) {
    ctx.response().setStatusCode(code).putHeader("content-type", JSON).end(Json.writeString(Map.of("error", message)));
  }

  @Override
  public void close() {
    if (vertx == null) {
      return;
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("admin server did not close cleanly: {}", e.toString());
    } finally {
      vertx = null;
      server = null;
    }
  }
}
