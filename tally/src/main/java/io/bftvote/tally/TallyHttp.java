package io.bftvote.tally;

import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tally's HTTP API (DESIGN.md, port 8090): tallies from the state stores, detections, health
 * and Prometheus metrics. A thin adapter: the answers come from {@link TallyQueries}.
 */
final class TallyHttp {
  private static final Logger log = LoggerFactory.getLogger(TallyHttp.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final TallyQueries queries;
  private final DetectionQueries detections;
  private final Supplier<KafkaStreams.State> streamsState;
  private final PrometheusMeterRegistry registry;

  TallyHttp(TallyQueries queries, DetectionQueries detections, Supplier<KafkaStreams.State> streamsState,
      PrometheusMeterRegistry registry) {
    this.queries = queries;
    this.detections = detections;
    this.streamsState = streamsState;
    this.registry = registry;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/tallies/:election").handler(this::tally);
    router.get("/detections").handler(this::detections);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    router.route().last().handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().path()));
    router.route().failureHandler(this::unexpectedFailure);
    return router;
  }

  private void tally(RoutingContext ctx) {
    String election = ctx.pathParam("election");
    Optional<TallyReport> report;
    try {
      report = queries.report(election);
    } catch (TallyUnavailableException e) {
      error(ctx, 503, e.getMessage());
      return;
    }
    if (report.isEmpty()) {
      error(ctx, 404, "unknown election: " + election);
      return;
    }
    json(ctx, 200, report.get());
  }

  /** The listed detections, most recent first, each in DESIGN.md's format. */
  private void detections(RoutingContext ctx) {
    List<Detection> recent;
    try {
      recent = detections.recent();
    } catch (TallyUnavailableException e) {
      error(ctx, 503, e.getMessage());
      return;
    }
    json(ctx, 200, recent);
  }

  /** Up while Kafka Streams is running or rebalancing; down once it stopped or failed. */
  private void health(RoutingContext ctx) {
    KafkaStreams.State state = streamsState.get();
    boolean up = state.isRunningOrRebalancing();
    json(ctx, up ? 200 : 503, Map.of("status", up ? "up" : "down", "streams", state.name()));
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("content-type", PROMETHEUS_TEXT).end(registry.scrape());
  }

  private void unexpectedFailure(RoutingContext ctx) {
    if (ctx.failure() == null) {
      error(ctx, ctx.statusCode(), "request failed with status " + ctx.statusCode());
      return;
    }
    log.error("Unexpected failure answering {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
    error(ctx, 500, "internal error: " + ctx.failure().getClass().getSimpleName());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(Json.writeString(body));
  }
}
