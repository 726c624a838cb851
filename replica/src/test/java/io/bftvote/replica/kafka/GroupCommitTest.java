package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.admin.ReplicaStatus;
import io.bftvote.replica.ledger.Syncable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durability stage with fake files and a recording publisher. A file's sync can be held on a
 * latch, so each test decides exactly where the durability thread stands.
 */
class GroupCommitTest {
  private static final long WAIT_MILLIS = 10_000;
  /** What happened, in order: "sync sent.jsonl" when a sync returned, "publish m" when m left. */
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final FakeFile sentLog = new FakeFile("sent.jsonl");
  private final FakeFile ledger = new FakeFile("blocks.jsonl");
  private final ReplicaMetrics metrics = new ReplicaMetrics(() -> new ReplicaStatus(0, 0, 0, 0, 0, null), () -> 0);
  private GroupCommit stage = new GroupCommit(0, metrics);

  @AfterEach
  void releaseAndClose() {
    sentLog.release();
    ledger.release();
    stage.close();
  }

  @Test
  void nothingIsPublishedBeforeTheSyncOfItsFileReturned() throws InterruptedException {
    sentLog.hold();
    stage.start();
    stage.commit(group(Set.of(sentLog), "prepare-1"));
    sentLog.awaitSyncStarted();

    assertFalse(events.contains("publish prepare-1"), "held in the sync: nothing leaves");
    sentLog.release();
    assertTrue(stage.awaitPublished(WAIT_MILLIS));
    assertEquals(List.of("sync sent.jsonl", "publish prepare-1"), events);
  }

  @Test
  void groupsHandedOverDuringASlowSyncShareTheNextSyncAndArePublishedInOrder() throws InterruptedException {
    sentLog.hold();
    stage.start();
    stage.commit(group(Set.of(sentLog), "prepare-1"));
    sentLog.awaitSyncStarted();
    stage.commit(group(Set.of(sentLog), "commit-1"));
    stage.commit(group(Set.of(sentLog, ledger), "block-1", "reply-1"));
    stage.commit(group(Set.of(sentLog), "prepare-2"));

    assertEquals(List.of(), events, "the event loop handed over three more turns while the disk was stuck");
    sentLog.release();
    assertTrue(stage.awaitPublished(WAIT_MILLIS));
    assertEquals(List.of("sync sent.jsonl", "publish prepare-1",
        "sync sent.jsonl", "sync blocks.jsonl", "publish commit-1", "publish block-1", "publish reply-1",
        "publish prepare-2"), events, "one sync per file for the three groups, then all of them in FIFO order");
  }

  @Test
  void aGroupWithoutAppendsIsPublishedWithoutASync() throws InterruptedException {
    stage.start();
    stage.commit(group(Set.of(), "restored-prepare"));

    assertTrue(stage.awaitPublished(WAIT_MILLIS));
    assertEquals(List.of("publish restored-prepare"), events, "what a restart re-sends is durable already");
  }

  @Test
  void aFailedSyncPublishesNothingMoreAndTheNextHandOverStopsTheLoop() throws InterruptedException {
    ledger.hold();
    stage.start();
    stage.commit(group(Set.of(ledger), "block-1"));
    ledger.awaitSyncStarted();
    stage.commit(group(Set.of(sentLog), "prepare-2"));
    ledger.failWith(new IllegalStateException("cannot sync blocks.jsonl: No space left on device"));

    assertFalse(stage.awaitPublished(WAIT_MILLIS), "a failure is not progress");
    assertEquals(List.of(), events, "neither the group whose sync failed nor any later one");
    IllegalStateException stopped = assertThrows(IllegalStateException.class,
        () -> stage.commit(group(Set.of(sentLog), "commit-2")));
    assertTrue(stopped.getMessage().contains("No space left on device"), stopped.getMessage());
    assertThrows(IllegalStateException.class, stage::checkUsable);
  }

  @Test
  void aFullQueueMakesTheEventLoopWaitUntilTheDiskCatchesUp() throws InterruptedException {
    stage = new GroupCommit(0, metrics, 2);
    sentLog.hold();
    stage.start();
    stage.commit(group(Set.of(sentLog), "m1")); // taken by the thread, which is now held in the sync
    sentLog.awaitSyncStarted();
    stage.commit(group(Set.of(sentLog), "m2"));
    stage.commit(group(Set.of(sentLog), "m3")); // the queue holds two: it is full

    CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> {
      try {
        stage.commit(group(Set.of(sentLog), "m4"));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertFalse(completesWithin(fourth, 300), "the producer waits while the queue is full");
    sentLog.release();
    await(fourth::isDone);
    assertTrue(stage.awaitPublished(WAIT_MILLIS));
    assertEquals(List.of("m1", "m2", "m3", "m4"), events.stream().filter(e -> e.startsWith("publish "))
        .map(e -> e.substring("publish ".length())).toList());
  }

  @Test
  void closeSyncsAndPublishesWhatWasHandedOverThenRefusesMore() throws InterruptedException {
    sentLog.hold();
    stage.start();
    stage.commit(group(Set.of(sentLog), "m1"));
    sentLog.awaitSyncStarted();
    stage.commit(group(Set.of(sentLog), "m2"));
    CompletableFuture<Void> closed = CompletableFuture.runAsync(stage::close);
    await(() -> throwsOnHandOver());
    sentLog.release();
    await(closed::isDone);

    assertEquals(List.of("sync sent.jsonl", "publish m1", "sync sent.jsonl", "publish m2"), events);
  }

  @Test
  void closingAStageThatNeverRanPublishesNothing() throws InterruptedException {
    stage.commit(group(Set.of(sentLog), "m1"));
    stage.close();

    assertEquals(List.of(), events, "never synced, so never published");
    assertThrows(IllegalStateException.class, () -> stage.commit(group(Set.of(sentLog), "m2")));
  }

  private GroupCommit.Group group(Set<Syncable> unsynced, String... messages) {
    GroupCommit.Pending pending = new GroupCommit.Pending();
    unsynced.forEach(pending::appendedTo);
    for (String message : messages) {
      pending.publish(() -> events.add("publish " + message));
    }
    return pending.take();
  }

  private boolean throwsOnHandOver() {
    try {
      stage.checkUsable();
      return false;
    } catch (IllegalStateException closing) {
      return true;
    }
  }

  private static boolean completesWithin(CompletableFuture<?> future, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!future.isDone() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    return future.isDone();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within " + WAIT_MILLIS + " ms");
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** A file whose sync can be held on a latch, released, or made to fail; it records each sync that returned. */
  private final class FakeFile implements Syncable {
    private final String name;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch syncStarted = new CountDownLatch(1);
    private volatile RuntimeException failure;

    FakeFile(String name) {
      this.name = name;
    }

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    void failWith(RuntimeException error) {
      failure = error;
      release();
    }

    void awaitSyncStarted() throws InterruptedException {
      assertTrue(syncStarted.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), name + " was never synced");
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void sync() {
      syncStarted.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (failure != null) {
        throw failure;
      }
      events.add("sync " + name);
    }
  }
}
