package io.bftvote.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What a browser loads: the dashboard page at {@code /}, its scripts and styles under
 * {@code /assets/}, and the OpenAPI document at {@code /api/openapi.yaml}. All of it lives in the
 * gateway's jar ({@code webroot/}, {@code openapi.yaml}), so the gateway needs no files beside it.
 */
final class DashboardRoutes {
  static final String OPENAPI_RESOURCE = "openapi.yaml";
  /**
   * The page talks to its own origin only and runs no inline script, so data shown on it (a
   * detection's evidence comes from the broker, where anyone could write) cannot run as code.
   */
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
  private static final long ASSET_MAX_AGE_SECONDS = 60;

  private final Buffer openApi = Buffer.buffer(resource(OPENAPI_RESOURCE));

  void mount(Router router) {
    router.get("/").handler(DashboardRoutes::pageHeaders).handler(StaticHandler.create("webroot")
        .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS));
    router.get("/assets/*").handler(DashboardRoutes::pageHeaders).handler(StaticHandler.create("webroot/assets")
        .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS));
    router.get("/api/openapi.yaml").handler(this::openApi);
  }

  private static void pageHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi);
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the gateway's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the gateway's jar", e);
    }
  }
}
