package io.bftvote.gateway;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * The first handler of {@code POST /api/votes}: a client over its rate gets 429 with
 * {@code Retry-After} before its body is even read. Clients are told apart by remote address
 * only; {@code X-Forwarded-For} is not trusted, since any client can write it. A platform handler
 * in Vert.x's terms, which is what lets it run before the body handler.
 */
final class VoteRateLimit implements PlatformHandler {
  private final RateLimiter limiter;
  private final GatewayMetrics metrics;

  VoteRateLimit(RateLimiter limiter, GatewayMetrics metrics) {
    this.limiter = limiter;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String client = clientOf(ctx);
    Duration delay = limiter.delay(client);
    if (delay.isZero()) {
      ctx.next();
      return;
    }
    metrics.voteReceived();
    metrics.voteRejected("rate-limited");
    long seconds = retryAfterSeconds(delay);
    ctx.response().putHeader("Retry-After", String.valueOf(seconds));
    Responses.error(ctx, 429, "too many votes from " + client + ": the limit is " + format(limiter.perSecond())
        + " per second in bursts of up to " + limiter.burst() + "; retry after " + seconds + " s");
  }

  /** Retry-After takes whole seconds; round up so a client that obeys it is let in. */
  static long retryAfterSeconds(Duration delay) {
    return Math.max(1, (delay.toMillis() + 999) / 1000);
  }

  private static String clientOf(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }

  private static String format(double perSecond) {
    return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
  }
}
