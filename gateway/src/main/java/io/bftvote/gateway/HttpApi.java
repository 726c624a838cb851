package io.bftvote.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP server: mounts the route groups and binds the port. Its routes, timers and waiters all
 * run on this verticle's one event loop; other threads hand it work through {@link #runOnLoop}.
 */
final class HttpApi extends VerticleBase {
  private final int requestedPort;
  private final List<Consumer<Router>> routeGroups;
  private volatile int port = -1;
  private HttpServer server;
  private Router router;

  HttpApi(int requestedPort, List<Consumer<Router>> routeGroups) {
    this.requestedPort = requestedPort;
    this.routeGroups = List.copyOf(routeGroups);
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    routeGroups.forEach(group -> group.accept(router));
    router.route().failureHandler(JsonFailures::handle);
    // Vert.x answers a path it cannot decode (say "%zz") with a bare 400 before any route runs.
    router.errorHandler(400, JsonFailures::undecodablePath);
    router.errorHandler(404, JsonFailures::notFound);
    router.errorHandler(405, JsonFailures::handle);
    router.errorHandler(500, JsonFailures::handle);
    // HTTP/1.1 only: a JDK HttpClient offers an h2c upgrade on its first request by default, and
    // that upgrade once broke mid-answer in CI ("Frame type(79) ... exceeds MAX_FRAME_SIZE").
    // Refusing it here protects every client, ours and the users'; the API gains nothing from h2c.
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(requestedPort)
        .onSuccess(listening -> {
          server = listening;
          port = listening.actualPort();
        });
  }

  /** Runs {@code task} on the event loop that owns the routes. */
  void runOnLoop(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  /**
   * Graceful stop: runs {@code first} on the event loop (to refuse new work and end the streams),
   * then stops accepting connections and waits up to {@code grace} for the requests in progress
   * to be answered. Completes when they are, or when the grace is over.
   */
  Future<Void> shutdown(Duration grace, Runnable first) {
    Promise<Void> done = Promise.promise();
    runOnLoop(() -> {
      first.run();
      if (server == null) {
        done.complete();
        return;
      }
      server.shutdown(grace).onComplete(v -> done.complete());
    });
    return done.future();
  }

  /** The bound port, or -1 before the server listens. */
  int port() {
    return port;
  }

  /** "METHOD path" of every route served, as Vert.x spells paths ({@code :id}, trailing {@code /} for a prefix). */
  List<String> routes() {
    List<String> routes = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null && route.methods() != null) {
        route.methods().forEach(method -> routes.add(method.name() + " " + route.getPath()));
      }
    }
    return routes;
  }
}
