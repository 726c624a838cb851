package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.ledger.Syncable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's durability thread: makes what the event loop appended durable and only then
 * publishes what depends on it. The event loop writes into the page cache and, at the end of each
 * turn, hands over a {@link Group}: the files it appended to and what it would publish, in the
 * order it produced them. This thread takes every group queued, forces each file they name once,
 * then publishes all of them in hand-over order. An fsync can wait hundreds of milliseconds behind
 * the broker's writes on a shared disk; meanwhile the loop goes on and fills the next groups, so a
 * slow disk costs latency, not a stalled replica.
 *
 * <p>Bounded: when {@link #GROUP_LIMIT} groups wait, the loop waits too. If a sync or a publication
 * fails, nothing more is published, the queued groups are dropped and the next hand-over throws,
 * which stops the event loop: the replica then signs nothing more, as if the loop had failed itself.
 * {@link #close()} drains: it syncs and publishes what was handed over, then stops. The thread is
 * never interrupted, because an interrupt closes a {@code FileChannel} in the middle of a force.
 */
final class GroupCommit implements AutoCloseable {
  static final int GROUP_LIMIT = 1_024;
  /** A sync slower than this is logged: the disk is holding the replica up. */
  static final long SLOW_SYNC_MILLIS = 1_000;
  private static final long POLL_MILLIS = 100;
  private static final long CLOSE_MILLIS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** One turn's work: files it appended to, then what may leave once they are durable, in order. */
  record Group(Set<Syncable> unsynced, List<Runnable> publications) {
    Group {
      unsynced = Set.copyOf(unsynced);
      publications = List.copyOf(publications);
    }
  }

  /** The group the current turn is building; the event loop's thread only. */
  static final class Pending {
    private final Set<Syncable> unsynced = new LinkedHashSet<>();
    private final List<Runnable> publications = new ArrayList<>();

    void appendedTo(Syncable file) {
      unsynced.add(file);
    }

    void publish(Runnable publication) {
      publications.add(publication);
    }

    boolean isEmpty() {
      return unsynced.isEmpty() && publications.isEmpty();
    }

    Group take() {
      Group group = new Group(unsynced, publications);
      unsynced.clear();
      publications.clear();
      return group;
    }
  }

  private final int replica;
  private final ReplicaMetrics metrics;
  private final BlockingQueue<Group> queue;
  private final Thread thread;
  /** Guards {@link #handedOver} and {@link #published}, and is notified as groups are published. */
  private final Object progress = new Object();
  private long handedOver;
  private long published;
  private volatile Throwable failure;
  private volatile boolean closing;
  /** Set when close gave up waiting: the thread then publishes nothing more, even if its sync returns. */
  private volatile boolean abandoned;

  GroupCommit(int replica, ReplicaMetrics metrics) {
    this(replica, metrics, GROUP_LIMIT);
  }

  GroupCommit(int replica, ReplicaMetrics metrics, int groupLimit) {
    this.replica = replica;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(groupLimit);
    this.thread = new Thread(this::run, "replica-" + replica + "-durability");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Hands a turn's group over, waiting while {@link #GROUP_LIMIT} groups are queued (backpressure).
   *
   * @throws IllegalStateException if a sync or publication failed, or this was closed: the caller must stop
   */
  void commit(Group group) throws InterruptedException {
    checkUsable();
    synchronized (progress) {
      handedOver++;
    }
    while (!queue.offer(group, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      checkUsable(); // a stage that failed while the queue was full never makes room
    }
  }

  /** Throws if the durability thread failed or was closed: nothing handed over would be published. */
  void checkUsable() {
    Throwable failed = failure;
    if (failed != null) {
      throw new IllegalStateException("replica " + replica + "'s durability thread failed, so nothing it "
          + "signs can be published any more: " + failed, failed);
    }
    if (closing) {
      throw new IllegalStateException("replica " + replica + "'s durability thread is closed");
    }
  }

  /** Waits until every group handed over so far is published; false on timeout or failure. */
  boolean awaitPublished(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    synchronized (progress) {
      long target = handedOver;
      while (published < target && failure == null && thread.isAlive()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        progress.wait(left);
      }
      return published >= target;
    }
  }

  private void run() {
    List<Group> taken = new ArrayList<>();
    try {
      while (!closing || !queue.isEmpty()) {
        Group first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        queue.drainTo(taken);
        commitAll(taken);
        taken.clear();
      }
    } catch (InterruptedException e) {
      failure = e;
      log.error("replica {}: the durability thread was interrupted; nothing more is published", replica);
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("replica {}: making its files durable or publishing failed, so {} group(s) of messages that "
          + "waited for it are never published and the event loop stops at its next turn", replica,
          taken.size() + queue.size(), e);
      queue.clear();
    } finally {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** One sync per file any of the groups appended to, then their publications in hand-over order. */
  private void commitAll(List<Group> groups) {
    Set<Syncable> files = new LinkedHashSet<>();
    int waiting = 0;
    for (Group group : groups) {
      files.addAll(group.unsynced());
      waiting += group.publications().size();
    }
    for (Syncable file : files) {
      sync(file, waiting);
    }
    if (abandoned) {
      return;
    }
    for (Group group : groups) {
      group.publications().forEach(Runnable::run);
    }
    synchronized (progress) {
      published += groups.size();
      progress.notifyAll();
    }
  }

  private void sync(Syncable file, int waiting) {
    long start = System.nanoTime();
    file.sync();
    long took = System.nanoTime() - start;
    metrics.synced(file.name(), took);
    long millis = TimeUnit.NANOSECONDS.toMillis(took);
    if (millis > SLOW_SYNC_MILLIS) {
      log.warn("replica {}: fsync of {} took {} ms; {} messages waited (the disk is slower than the replica: "
          + "other writers on it, or a failing device)", replica, file.name(), String.format("%,d", millis), waiting);
    }
  }

  /** Syncs and publishes what was handed over, then stops the thread. Idempotent. */
  @Override
  public void close() {
    closing = true;
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(CLOSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      abandoned = true;
      log.warn("replica {}: the durability thread did not drain within {} s (a sync hangs); what it still holds "
          + "is dropped, never published", replica, CLOSE_MILLIS / 1000);
    }
  }
}
