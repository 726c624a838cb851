package io.bftvote.gateway;

import io.bftvote.topics.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes JSON answers. Every error body is {@code {"error":"..."}}. */
final class Responses {
  private Responses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return; // the client hung up while we waited (a long ?wait, a slow broker)
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.writeString(body));
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }

  static void error(RoutingContext ctx, Rejection rejection) {
    error(ctx, 400, rejection.message());
  }
}
