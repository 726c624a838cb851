package io.bftvote.gateway;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The beat of the live streams, once a second on the HTTP event loop: a {@code cluster} snapshot
 * while someone listens for one (nobody listening, no replica is asked anything), and now and
 * then a keep-alive comment. A probe still out when the next beat comes is not doubled.
 */
final class LiveTicker {
  static final Duration BEAT = Duration.ofSeconds(1);
  private static final int BEATS_PER_HEARTBEAT = 15;

  private final EventHub hub;
  private final ClusterProbe cluster;
  private Vertx vertx;
  private long timer = -1;
  private long beats;
  private boolean probing;

  LiveTicker(EventHub hub, ClusterProbe cluster) {
    this.hub = hub;
    this.cluster = cluster;
  }

  /** Call on the event loop that owns the hub: the timer fires there. */
  void start(Vertx vertx) {
    this.vertx = vertx;
    timer = vertx.setPeriodic(BEAT.toMillis(), id -> beat());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void beat() {
    beats++;
    if (beats % BEATS_PER_HEARTBEAT == 0) {
      hub.heartbeat();
    }
    if (probing || !hub.hasListeners(StreamRoutes.CLUSTER)) {
      return;
    }
    probing = true;
    cluster.snapshot().onComplete(done -> {
      probing = false;
      if (done.succeeded()) {
        hub.publish(StreamRoutes.CLUSTER, done.result());
      }
    });
  }
}
