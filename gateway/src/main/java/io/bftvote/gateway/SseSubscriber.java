package io.bftvote.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** An {@link EventHub.Subscriber} on an HTTP response held open as a text/event-stream. */
final class SseSubscriber implements EventHub.Subscriber {
  /** Room for a burst of events; a client further behind than this is too slow to keep. */
  static final int BUFFER_BYTES = 256 * 1024;
  /** How long a browser waits before reconnecting a dropped stream. */
  private static final int RETRY_MILLIS = 3_000;

  private final RoutingContext ctx;

  private SseSubscriber(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /** Answers 200 with the stream headers and the reconnect delay; events follow as they happen. */
  static SseSubscriber open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .setWriteQueueMaxSize(BUFFER_BYTES)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no"); // tells nginx-like proxies not to hold events back
    response.write("retry: " + RETRY_MILLIS + "\n\n");
    return new SseSubscriber(ctx);
  }

  void onClose(Runnable action) {
    ctx.response().closeHandler(v -> action.run());
  }

  @Override
  public boolean isBackedUp() {
    return ctx.response().writeQueueFull();
  }

  @Override
  public void send(Buffer frame) {
    if (!ctx.response().closed()) {
      ctx.response().write(frame);
    }
  }

  /** Closes the connection: a backed-up client would not read a polite ending either. */
  @Override
  public void disconnect() {
    ctx.request().connection().close();
  }
}
