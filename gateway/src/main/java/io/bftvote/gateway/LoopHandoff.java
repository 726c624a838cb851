package io.bftvote.gateway;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands work from the Kafka threads to the HTTP event loop, which owns the waiters and the event
 * hub. The event loop's own task queue has no bound, so this counts what is waiting there and
 * drops work past {@code limit}: a flood of replies at startup may then skip a live event, but
 * cannot swamp the loop that serves the API.
 */
final class LoopHandoff {
  static final int DEFAULT_LIMIT = 10_000;

  private final Consumer<Runnable> loop;
  private final int limit;
  private final Runnable onDropped;
  private final AtomicInteger waiting = new AtomicInteger();

  LoopHandoff(Consumer<Runnable> loop, int limit, Runnable onDropped) {
    this.loop = loop;
    this.limit = limit;
    this.onDropped = onDropped;
  }

  /** Queues {@code task} for the event loop; false (and it never runs) if too much is waiting. */
  boolean offer(Runnable task) {
    if (waiting.incrementAndGet() > limit) {
      waiting.decrementAndGet();
      onDropped.run();
      return false;
    }
    loop.accept(() -> {
      waiting.decrementAndGet();
      task.run();
    });
    return true;
  }
}
