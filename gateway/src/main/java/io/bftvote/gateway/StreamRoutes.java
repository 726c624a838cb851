package io.bftvote.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent-event streams. {@code /api/detections/stream} carries only {@code detection}
 * events, for operators and scripts; {@code /api/events} carries everything the dashboard shows:
 * {@code vote} (outcomes becoming final), {@code block}, {@code cluster} and {@code detection}.
 * A new {@code /api/events} client first gets the latest blocks, so its list is not empty.
 */
final class StreamRoutes {
  static final String VOTE = "vote";
  static final String BLOCK = "block";
  static final String CLUSTER = "cluster";
  static final String DETECTION = "detection";
  private static final Set<String> DETECTIONS_ONLY = Set.of(DETECTION);
  private static final Set<String> DASHBOARD = Set.of(VOTE, BLOCK, CLUSTER, DETECTION);

  private static final Logger log = LoggerFactory.getLogger(StreamRoutes.class);

  private final EventHub hub;
  private final GatewayMetrics metrics;
  private final Supplier<List<BlockSummary>> recentBlocks;

  StreamRoutes(EventHub hub, GatewayMetrics metrics, Supplier<List<BlockSummary>> recentBlocks) {
    this.hub = hub;
    this.metrics = metrics;
    this.recentBlocks = recentBlocks;
  }

  void mount(Router router) {
    router.get("/api/detections/stream").handler(this::refuseWhenFull).handler(ctx -> open(ctx, DETECTIONS_ONLY));
    router.get("/api/events").handler(this::refuseWhenFull).handler(this::openDashboardStream);
  }

  private void refuseWhenFull(RoutingContext ctx) {
    String refusal = hub.refusal();
    if (refusal == null) {
      ctx.next();
      return;
    }
    metrics.streamRefused();
    Responses.error(ctx, 503, refusal);
  }

  /**
   * Blocks are checked only while someone watches, so the latest ones may still need their
   * certificates checked: that runs on a worker, and the blocks follow on the event loop.
   */
  private void openDashboardStream(RoutingContext ctx) {
    SseSubscriber subscriber = open(ctx, DASHBOARD);
    ctx.vertx().executeBlocking(recentBlocks::get)
        .onSuccess(blocks -> blocks.forEach(block -> hub.sendTo(subscriber, BLOCK, block)))
        .onFailure(error -> log.warn("a new dashboard stream got no recent blocks: {}", error.toString()));
  }

  private SseSubscriber open(RoutingContext ctx, Set<String> events) {
    SseSubscriber subscriber = SseSubscriber.open(ctx);
    subscriber.onClose(() -> hub.unsubscribe(subscriber));
    if (!hub.subscribe(subscriber, events)) {
      subscriber.disconnect(); // refuseWhenFull ran in this same event-loop turn, so this is only a safety net
    }
    return subscriber;
  }
}
