package io.bftvote.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits, between two steps, until the system is idle: every ballot of the previous step has its
 * final outcome or was refused, and no replica has replied for {@link #QUIET} (f+1 replies make a
 * vote final, but the other replicas may still be executing a backlog behind them, on the same
 * cores). Then it pauses {@link #PAUSE} more, unmeasured, for what replies do not show (the
 * tally, the collectors). A step measured on top of the previous one's backlog says little about
 * its own rate; so the wait has a deadline, and when it passes the caller is told so.
 */
final class IdleWait {
  static final Duration QUIET = Duration.ofSeconds(2);
  static final Duration PAUSE = Duration.ofSeconds(5);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Time, behind an interface so a test can run the wait on a clock of its own. */
  interface Clock {
    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void park(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
      }
    };

    long nanoTime();

    void park(long nanos) throws InterruptedException;
  }

  private final Duration limit;
  private final Duration progressEvery;
  private final Clock clock;
  private final PrintWriter progress;

  /**
   * @param limit the most to wait for idleness ({@code --settle})
   * @param progressEvery how often to say what is still outstanding
   */
  IdleWait(Duration limit, Duration progressEvery, Clock clock, PrintWriter progress) {
    if (limit.compareTo(QUIET) < 0) {
      throw new IllegalArgumentException("--settle must be at least " + Durations.format(QUIET) + " (idle means no"
          + " replica replied for that long), got " + Durations.format(limit));
    }
    if (progressEvery.isZero() || progressEvery.isNegative()) {
      throw new IllegalArgumentException("the progress interval must be positive");
    }
    this.limit = limit;
    this.progressEvery = progressEvery;
    this.clock = clock;
    this.progress = progress;
  }

  Duration limit() {
    return limit;
  }

  /** Waits until {@code backlog} shows an idle system, or the limit passes; says every few seconds how it goes. */
  Settling await(Supplier<Backlog> backlog) throws InterruptedException {
    long start = clock.nanoTime();
    long deadline = start + limit.toNanos();
    long nextLine = start + progressEvery.toNanos();
    Backlog last = backlog.get();
    if (last.equals(Backlog.NONE)) {
      return new Settling(true, 0, false, 0); // nothing has run yet: nothing to wait for
    }
    long lastReply = start; // replies seen before the wait began may be the last ones: watch a full quiet period
    while (true) {
      long now = clock.nanoTime();
      Backlog current = backlog.get();
      if (current.repliesRead() != last.repliesRead()) {
        lastReply = now;
      }
      last = current;
      boolean repliesArriving = now - lastReply < QUIET.toNanos();
      if (current.outstanding() == 0 && !repliesArriving) {
        clock.park(PAUSE.toNanos());
        return new Settling(true, 0, false, seconds(clock.nanoTime() - start));
      }
      if (now >= deadline) {
        Settling busy = new Settling(false, current.outstanding(), repliesArriving, seconds(now - start));
        progress.printf("  the system did not become idle within %s (--settle): %s%n", Durations.format(limit),
            busy.what());
        progress.flush();
        return busy;
      }
      if (now >= nextLine) {
        say(current, repliesArriving, now - start);
        nextLine += progressEvery.toNanos();
      }
      clock.park(Math.min(POLL_NANOS, deadline - now));
    }
  }

  private void say(Backlog current, boolean repliesArriving, long waitedNanos) {
    String what = current.outstanding() > 0
        ? String.format(Locale.ROOT, "%,d votes outstanding", current.outstanding())
        : "every vote final, replicas still replying (the slower ones catching up)";
    progress.printf(Locale.ROOT, "  draining: %s%s; waited %.0f s of at most %s%n", what,
        current.outstanding() > 0 && repliesArriving ? ", replies arriving" : "", seconds(waitedNanos),
        Durations.format(limit));
    progress.flush();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
