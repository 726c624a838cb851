package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a replica's protocol state. Readers hand it verified inputs through a
 * bounded queue (they wait when it is full: backpressure instead of unbounded memory); it feeds
 * them to the core in arrival order, sends a {@code Tick} every {@link #TICK_MILLIS} ms, and after
 * each turn hands what it wrote to the durability thread ({@link GroupCommit}, which syncs and then
 * publishes; the loop never waits for the disk unless that thread falls far behind) and publishes
 * a status snapshot for other threads to read.
 *
 * <p>If anything fails in here (a full disk, say), or a sync fails on the durability thread, the
 * loop stops rather than carry on with a ledger or sent log it could not write: a replica that
 * stops is merely one of the f faulty ones.
 */
final class ReplicaLoop implements AutoCloseable {
  static final int QUEUE_LIMIT = 10_000;
  static final long TICK_MILLIS = 5;
  private static final int TURN_LIMIT = 512;
  private static final Logger log = LoggerFactory.getLogger(ReplicaLoop.class);

  private final int id;
  private final ActionRunner runner;
  private final BlockingQueue<Input> queue = new ArrayBlockingQueue<>(QUEUE_LIMIT);
  private final Thread thread;
  private volatile boolean running;
  private volatile ReplicaStatus status;
  private volatile int pendingRequests;

  ReplicaLoop(int id, ActionRunner runner) {
    this.id = id;
    this.runner = runner;
    this.status = runner.status();
    this.thread = new Thread(this::run, "replica-" + id + "-loop");
    this.thread.setDaemon(true);
  }

  void start() {
    running = true;
    thread.start();
  }

  /** Queues an input, waiting up to {@code timeoutMillis} for room; false if there was none or the loop stopped. */
  boolean offer(Input input, long timeoutMillis) throws InterruptedException {
    return running && queue.offer(input, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  boolean isRunning() {
    return running;
  }

  /** The latest snapshot, safe to read from any thread. */
  ReplicaStatus status() {
    return status;
  }

  int pendingRequests() {
    return pendingRequests;
  }

  private void run() {
    try {
      runner.restore(nowMillis());
      long nextTick = nowMillis();
      List<Input> turn = new ArrayList<>(TURN_LIMIT);
      while (running) {
        Input first = queue.poll(Math.max(0, nextTick - nowMillis()), TimeUnit.MILLISECONDS);
        if (first != null) {
          turn.add(first);
          queue.drainTo(turn, TURN_LIMIT - 1);
          for (Input input : turn) {
            runner.accept(input, nowMillis());
          }
          turn.clear();
        }
        long now = nowMillis();
        if (now >= nextTick) {
          runner.tick(now);
          nextTick = now + TICK_MILLIS;
        }
        runner.flush();
        status = runner.status();
        pendingRequests = runner.pendingRequests();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      log.error("replica {} stopped: its event loop failed and it will not sign or execute anything more", id, e);
    } finally {
      running = false;
    }
  }

  /** Monotonic milliseconds: the core's only notion of time. */
  private static long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("replica {} event loop did not stop within 10 s", id);
    }
  }
}
