package io.bftvote.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /health} for orchestrators and {@code GET /metrics} for Prometheus. */
final class OpsRoutes {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HealthCheck health;
  private final PrometheusMeterRegistry registry;

  OpsRoutes(HealthCheck health, PrometheusMeterRegistry registry) {
    this.health = health;
    this.registry = registry;
  }

  void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
  }

  private void health(RoutingContext ctx) {
    String problem = health.problem();
    if (problem == null) {
      Responses.json(ctx, 200, Map.of("status", "ok"));
    } else {
      Responses.json(ctx, 503, Map.of("status", "unavailable", "error", problem));
    }
  }

  private void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(registry.scrape());
  }
}
