package io.bftvote.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop runs, one rate at a time: pre-sign the ballots, start reading replies, send each
 * ballot at its intended time whatever the system is doing, wait (a while) for the outcomes still
 * on their way, and report. The last run's reply reader stays open until the next run starts, so
 * that {@link Steps} can wait for the system to work off that run's backlog in between. The
 * sending thread only ever sends; counting happens in the sender's callbacks and on the reply
 * reader, progress and process readings on a timer thread.
 */
final class LoadRun implements Steps.Load, AutoCloseable {
  /** Between signing the last ballot and sending the first: time to start the reader and the timer. */
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final RunSettings settings;
  private final Target target;
  private final VoteSender sender;
  private final PreSigner signer;
  private final ResourceWatch resources;
  private final PrintWriter progress;
  private final PrimaryCrash crash;
  /** The last run's reply reader and what it still awaits; null before the first run and after close. */
  private Reading last;

  /** A run's reply reader, and the aggregator it feeds. */
  private record Reading(ReplyListener listener, ReplyAggregator aggregator) {
    Backlog backlog() {
      return new Backlog(aggregator.outstanding(), listener.repliesRead());
    }
  }

  /** @param crash what to do to the system during the window of each measured run; null: nothing */
  LoadRun(RunSettings settings, Target target, VoteSender sender, PreSigner signer, ResourceWatch resources,
          PrintWriter progress, PrimaryCrash crash) {
    this.settings = settings;
    this.target = target;
    this.sender = sender;
    this.signer = signer;
    this.resources = resources;
    this.progress = progress;
    this.crash = crash;
  }

  /** An unmeasured run of {@code length} that only warms the system up; its figures are thrown away. */
  void prime(double rate, Duration length) throws InterruptedException {
    run(rate, settings.primingRun(length), null, null);
  }

  @Override
  public RunReport run(double rate, Settling settling) throws InterruptedException {
    return run(rate, settings, crash, settling);
  }

  @Override
  public Backlog backlog() {
    return last == null ? Backlog.NONE : last.backlog();
  }

  /** Stops reading the last run's replies. Idempotent. */
  @Override
  public void close() {
    if (last != null) {
      last.listener().close();
      last = null;
    }
  }

  private RunReport run(double rate, RunSettings runSettings, PrimaryCrash crashing, Settling settling)
      throws InterruptedException {
    close(); // the wait for the previous run's backlog is over
    long count = ArrivalSchedule.countFor(rate, runSettings.totalSeconds());
    if (count > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(String.format("%,.0f/s for %.0f s is more ballots than one run can hold",
          rate, runSettings.totalSeconds()));
    }
    List<SignedBallot> ballots = signer.sign((int) count);
    ReplyAggregator aggregator = new ReplyAggregator(target.cluster(), ballots.size());
    ArrivalSchedule schedule = new ArrivalSchedule(rate, System.nanoTime() + START_DELAY_NANOS, count);
    long windowFrom = schedule.startNanos() + runSettings.warmup().toNanos();
    RunStats stats = new RunStats(windowFrom, schedule.endNanos());
    CommitGaps gaps = new CommitGaps(windowFrom, schedule.endNanos());
    AtomicReference<WindowUsage> usage = new AtomicReference<>(WindowUsage.NONE);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-timer");
      t.setDaemon(true);
      return t;
    });
    ReplyListener replies = new ReplyListener(target.bootstrapServers(), target.topics().replies(), aggregator,
        (outcome, now) -> {
          stats.finalized(outcome, now);
          gaps.finalSeen(now, outcome.intendedNanos());
        });
    ProgressLine line = new ProgressLine(rate, schedule.startNanos(), windowFrom, schedule.endNanos(),
        runSettings.priming() ? "priming" : "measuring");
    last = new Reading(replies, aggregator);
    try {
      replies.start();
      at(timer, windowFrom, resources::begin);
      if (crashing != null) {
        crashing.arm(windowFrom, gaps);
      }
      long every = runSettings.progressEvery().toNanos();
      long firstLine = schedule.startNanos() + every - System.nanoTime();
      timer.scheduleAtFixedRate(() -> report(line, stats, aggregator), firstLine, every, TimeUnit.NANOSECONDS);
      sendAll(schedule, ballots, aggregator, stats);
      waitUntil(schedule.endNanos());
      usage.set(resources.end());
      awaitOutcomes(aggregator, System.nanoTime() + runSettings.drain().toNanos());
      long unfinished = stats.unfinished(aggregator.outstandingIntendedNanos(), System.nanoTime());
      ViewChangeReport viewChange = crashing == null ? null : crashing.report();
      return report(rate, runSettings, stats, aggregator, unfinished, usage.get(), gaps.longest(), viewChange,
          settling);
    } catch (InterruptedException | RuntimeException e) {
      close();
      throw e;
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The open loop: ballot i leaves at its intended time, however the earlier ones are doing. */
  private void sendAll(ArrivalSchedule schedule, List<SignedBallot> ballots, ReplyAggregator aggregator,
                       RunStats stats) {
    for (int i = 0; i < ballots.size(); i++) {
      long intended = schedule.intendedNanos(i);
      waitUntil(intended);
      SignedBallot ballot = ballots.get(i);
      aggregator.expect(ballot.requestId(), intended);
      stats.offered(intended);
      sender.send(ballot).thenAccept(handover -> {
        if (handover.taken()) {
          stats.taken(intended);
        } else {
          aggregator.forget(ballot.requestId());
          stats.refused(intended, handover.refusal());
        }
      });
    }
  }

  /** Waits until every ballot sent has its outcome, or the deadline passes. */
  private void awaitOutcomes(ReplyAggregator aggregator, long deadline) {
    while (aggregator.outstanding() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
  }

  private void report(ProgressLine line, RunStats stats, ReplyAggregator aggregator) {
    long now = System.nanoTime();
    if (stats.inWindow(now)) {
      resources.sample();
    }
    progress.println(line.format(now, stats.totalTaken(), stats.totalFinal(), stats.sinceLastCall(),
        stats.totalRefused(), aggregator.outstanding(), ProcessProbe.loadAverage()));
    progress.flush();
  }

  private static RunReport report(double rate, RunSettings settings, RunStats stats, ReplyAggregator aggregator,
                                  long unfinished, WindowUsage usage, CommitGap gap, ViewChangeReport viewChange,
                                  Settling settling) {
    Latency latency = stats.latency();
    double committedPerSecond = stats.finalInWindow() / stats.windowSeconds();
    Verdict verdict = settings.objectives().judge(rate, stats.offered(), stats.accepted() + stats.rejected(),
        committedPerSecond, latency);
    return new RunReport(rate, settings.warmup().toNanos() / 1e9, stats.windowSeconds(), stats.offered(),
        stats.taken(), stats.refusedByReason(), stats.accepted(), stats.rejected(), unfinished, committedPerSecond,
        latency, aggregator.signaturesVerified(), aggregator.badSignatures(), usage.processes(),
        usage.machineCpuPercent(), usage.otherCpuPercent(), usage.loadAverage(), verdict, gap, viewChange,
        settling);
  }

  private static void at(ScheduledExecutorService timer, long nanoTime, Runnable task) {
    timer.schedule(task, Math.max(0, nanoTime - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Parks until a point in time: the schedule's clock, not a wait for some condition. */
  private static void waitUntil(long nanoTime) {
    for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}
