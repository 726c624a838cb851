package io.bftvote.gateway;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever went wrong in a route into a JSON error. The client never sees a stack trace;
 * the operator finds it in the log.
 */
final class JsonFailures {
  private static final Logger log = LoggerFactory.getLogger(JsonFailures.class);

  private JsonFailures() {}

  static void handle(RoutingContext ctx) {
    int status = ctx.statusCode();
    switch (status) {
      case 413 -> Responses.error(ctx, 413,
          "the body is over " + VoteRoutes.BODY_LIMIT / 1024 + " KiB; a ballot is a few hundred bytes");
      case 404 -> notFound(ctx);
      case 405 -> Responses.error(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path());
      default -> {
        if (status >= 400 && status < 500) {
          // Vert.x refused the request itself (a malformed path, say): the client's fault, not ours.
          Responses.error(ctx, status, "the gateway could not read this request (HTTP " + status + ")");
        } else {
          log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
          Responses.error(ctx, 500, "internal error in the gateway; the operator will find it in the gateway log");
        }
      }
    }
  }

  /** The router's own 400: a path it cannot decode, before any route (and any status code) is set. */
  static void undecodablePath(RoutingContext ctx) {
    Responses.error(ctx, 400, "the request path cannot be decoded (bad %-encoding or invalid UTF-8): "
        + printable(ctx.request().path()));
  }

  /** Paths come from the client: echo a bounded, printable prefix only. */
  private static String printable(String path) {
    String shown = path == null ? "" : path.replaceAll("[^\\x20-\\x7e]", "?");
    return shown.length() <= 100 ? shown : shown.substring(0, 100) + "...";
  }

  static void notFound(RoutingContext ctx) {
    Responses.error(ctx, 404, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path());
  }
}
