package io.bftvote.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code --crash-primary-at D}: D into a run's measured window, asks the replicas who their
 * primary is and SIGKILLs that replica's process, so the others must time out and change view
 * (PBFT §4.4); with {@code --restart-after D2}, starts it again on its own data D2 later and
 * watches its height until it has caught up with the others'. Runs on a thread of its own, so a
 * slow HTTP answer never delays the run's sending or its progress lines.
 *
 * <p>A restarted JVM needs a while to come up on a busy machine, so the report waits for the
 * catch-up beyond the run's drain, up to {@link #CATCH_UP_LIMIT}; the report says when it
 * happened, so a catch-up after the load ended is seen as such.
 */
final class PrimaryCrash {
  private static final Duration CATCH_UP_POLL = Duration.ofMillis(250);
  private static final long STOP_SECONDS = 15;
  static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);

  private final ProcessCluster cluster;
  private final ReplicaStatuses statuses;
  private final Duration at;
  private final Duration restartAfter;
  private final PrintWriter progress;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-crash");
    t.setDaemon(true);
    return t;
  });
  // Written on the timer thread only; report() reads them after the timer has terminated.
  private long windowFrom;
  private CommitGaps gaps;
  private Integer killed;
  private long viewBefore;
  private long killedAt;
  private Long restartedAt;
  private Long caughtUpAt;
  private Long caughtUpHeight;
  private ScheduledFuture<?> catchUp;
  private String problem;
  /** Opens when there is nothing more to watch: the crash failed, the replica stays down, or it caught up. */
  private final CountDownLatch done = new CountDownLatch(1);

  /** @param restartAfter null: the killed replica stays down */
  PrimaryCrash(ProcessCluster cluster, Duration at, Duration restartAfter, PrintWriter progress) {
    this.cluster = cluster;
    this.statuses = cluster.statuses(new HttpProbe());
    this.at = at;
    this.restartAfter = restartAfter;
    this.progress = progress;
  }

  /** Schedules the crash {@code at} into the window starting at {@code windowFromNanos}; finals go to {@code gaps}. */
  void arm(long windowFromNanos, CommitGaps gaps) {
    this.windowFrom = windowFromNanos;
    this.gaps = gaps;
    long delay = windowFromNanos + at.toNanos() - System.nanoTime();
    timer.schedule(this::crash, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  private void crash() {
    try {
      Map<Integer, ReplicaStatuses.Status> before = statuses.answering();
      Optional<ReplicaStatuses.Status> followed = ReplicaStatuses.followed(before);
      if (followed.isEmpty()) {
        problem = "no replica answered /status, so no primary was known and nothing was killed";
        giveUp(problem);
        return;
      }
      killed = followed.get().primary();
      viewBefore = followed.get().view();
      killedAt = System.nanoTime(); // the signal's moment: the process is gone within milliseconds
      cluster.kill(killed);
      gaps.mark(killedAt);
      progress.printf("crash: killed replica %d, the primary of view %d, %.1f s into the window (SIGKILL)%n", killed,
          viewBefore, seconds(killedAt));
      progress.flush();
      if (restartAfter != null) {
        timer.schedule(this::restart, restartAfter.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        done.countDown();
      }
    } catch (RuntimeException e) {
      problem = killed == null ? "could not learn who the primary is: " + e.getMessage()
          : "could not kill replica " + killed + ": " + e.getMessage();
      killed = null;
      giveUp(problem);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void restart() {
    try {
      long pid = cluster.restart(killed);
      restartedAt = System.nanoTime();
      progress.printf("crash: restarted replica %d (pid %d) on its own data%n", killed, pid);
      progress.flush();
      catchUp = timer.scheduleWithFixedDelay(this::checkCaughtUp, CATCH_UP_POLL.toNanos(), CATCH_UP_POLL.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      giveUp("could not restart replica " + killed + ": " + e.getMessage());
    }
  }

  /** Something went wrong on this thread: say so, and let the report go ahead without waiting. */
  private void giveUp(String why) {
    progress.println("crash: " + why);
    progress.flush();
    done.countDown();
  }

  /** Caught up: its height reached the lowest height of the others, read just before its own. */
  private void checkCaughtUp() {
    try {
      List<Integer> others = IntStream.range(0, statuses.replicas()).filter(i -> i != killed).boxed().toList();
      Optional<Long> othersLowest = ReplicaStatuses.lowestHeight(statuses.answering(), others);
      Optional<ReplicaStatuses.Status> restarted = statuses.of(killed);
      if (othersLowest.isPresent() && restarted.isPresent() && restarted.get().height() >= othersLowest.get()) {
        caughtUpAt = System.nanoTime();
        caughtUpHeight = restarted.get().height();
        progress.printf("crash: replica %d caught up at height %,d, %.1f s after its restart%n", killed, caughtUpHeight,
            (caughtUpAt - restartedAt) / 1e9);
        progress.flush();
        catchUp.cancel(false);
        done.countDown();
      }
    } catch (RuntimeException e) {
      catchUp.cancel(false);
      giveUp("stopped watching replica " + killed + " catch up: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the watch (call after the run's drain) and reports; the replicas' view now is read last.
   * Waits for a restarted replica to catch up first, up to {@link #CATCH_UP_LIMIT}.
   */
  ViewChangeReport report() throws InterruptedException {
    if (restartAfter != null && done.getCount() > 0) {
      progress.printf("crash: waiting up to %s for the restarted replica to catch up (the load has ended)%n",
          Durations.format(CATCH_UP_LIMIT));
      progress.flush();
    }
    done.await(CATCH_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    timer.shutdownNow();
    if (!timer.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
      return ViewChangeReport.failed("the crash thread did not stop within " + STOP_SECONDS + " s");
    }
    if (killed == null) {
      return ViewChangeReport.failed(problem != null ? problem : "the run ended before the crash was due");
    }
    Map<Integer, ReplicaStatuses.Status> after = statuses.answering();
    Optional<ReplicaStatuses.Status> followedAfter = ReplicaStatuses.followed(after);
    return new ViewChangeReport(killed, viewBefore, seconds(killedAt), gaps.millisToFirstFinal(),
        gaps.millisToFirstFinalSentAfter(), followedAfter.map(ReplicaStatuses.Status::view).orElse(null),
        followedAfter.map(ReplicaStatuses.Status::primary).orElse(null),
        restartedAt == null ? null : seconds(restartedAt),
        caughtUpAt == null ? null : (caughtUpAt - restartedAt) / 1e6,
        caughtUpAt == null ? null : seconds(caughtUpAt), caughtUpHeight, null);
  }

  private double seconds(long nanos) {
    return (nanos - windowFrom) / 1e9;
  }
}
