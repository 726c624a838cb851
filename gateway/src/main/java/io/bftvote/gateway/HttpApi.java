package io.bftvote.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
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

  HttpApi(int requestedPort, List<Consumer<Router>> routeGroups) {
    this.requestedPort = requestedPort;
    this.routeGroups = List.copyOf(routeGroups);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    routeGroups.forEach(group -> group.accept(router));
    router.route().failureHandler(JsonFailures::handle);
    router.errorHandler(404, JsonFailures::notFound);
    router.errorHandler(405, JsonFailures::handle);
    router.errorHandler(500, JsonFailures::handle);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(requestedPort)
        .onSuccess(server -> port = server.actualPort());
  }

  /** Runs {@code task} on the event loop that owns the routes. */
  void runOnLoop(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  /** The bound port, or -1 before the server listens. */
  int port() {
    return port;
  }
}
