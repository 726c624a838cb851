package io.bftvote.replica.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator how a replica progresses without a line per block: every {@link #EVERY}
 * blocks, with the rate since the last such line. (View changes are logged with their cause by
 * {@link ActionRunner}.)
 */
final class Milestones {
  static final long EVERY = 100;
  private static final Logger log = LoggerFactory.getLogger(Milestones.class);
  private final int id;
  private long loggedHeight = -1;
  private long loggedAtNanos = System.nanoTime();

  Milestones(int id) {
    this.id = id;
  }

  void observe(long currentView, long height, String head) {
    if (loggedHeight < 0) {
      loggedHeight = height;
      return;
    }
    if (height / EVERY > loggedHeight / EVERY) {
      long now = System.nanoTime();
      double seconds = Math.max(1e-9, (now - loggedAtNanos) / 1e9);
      log.info("replica {} at height {} (view {}, head {}), {} blocks/s", id, height, currentView,
          head.substring(0, 12), String.format("%.1f", (height - loggedHeight) / seconds));
      loggedHeight = height;
      loggedAtNanos = now;
    }
  }
}
