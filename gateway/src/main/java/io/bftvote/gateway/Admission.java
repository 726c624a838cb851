package io.bftvote.gateway;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a new vote may enter, given how many posted here still wait for their outcome: at most
 * {@code max(floor, finals per second × target)} may wait ({@link AdmissionLimit}), and never more
 * than the outcome book remembers. The rate is the recent one ({@link RecentRate}), so the limit
 * follows what the cluster actually finishes now: lower while it is slow, higher once it speeds up.
 *
 * <p>Thread-safe: outcomes are counted on the replies consumer's thread, votes checked on the event loop.
 */
final class Admission {
  /** A client told to wait longer would rather give up; half a minute is plenty to drain any backlog. */
  static final long MOST_RETRY_AFTER_SECONDS = 30;
  private static final Logger log = LoggerFactory.getLogger(Admission.class);
  /** A backlog lasts while an overload does: say so once in a while, not once per refused vote. */
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** Refusals a second apart are one overload; admitting after a quiet second means it is over. */
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Why a vote was not let in, and after how many seconds the backlog should have cleared. */
  record Refusal(long retryAfterSeconds, String message) {}

  private final AdmissionLimit settings;
  private final int capacity;
  private final LongSupplier nanoClock;
  private final RecentRate finals;
  private long lastWarned;
  private long lastRefused;
  private long refusedSinceAdmitting;

  /** {@code capacity}: the outcome book's, past which it forgets the oldest votes anyway. */
  Admission(AdmissionLimit settings, int capacity, LongSupplier nanoClock) {
    this.settings = settings;
    this.capacity = capacity;
    this.nanoClock = nanoClock;
    this.finals = new RecentRate(nanoClock);
    this.lastWarned = nanoClock.getAsLong() - WARN_EVERY_NANOS;
  }

  /** A vote posted here became final: one more leaves the backlog. */
  void finalReached() {
    finals.record();
  }

  /** Votes posted here that became final per second, over the last {@value RecentRate#WINDOW_SECONDS} s. */
  double finalsPerSecond() {
    return finals.perSecond();
  }

  /** The most votes posted here that may wait for their outcome now. */
  int limit() {
    return limit(finals.perSecond());
  }

  /** Empty if a new vote may enter while {@code pending} votes posted here wait; else why not. */
  synchronized Optional<Refusal> check(int pending) {
    if (settings.isOff()) {
      return Optional.empty();
    }
    double rate = finals.perSecond();
    int limit = limit(rate);
    long now = nanoClock.getAsLong();
    if (pending < limit) {
      noteAdmitted(now, pending, limit);
      return Optional.empty();
    }
    noteRefused(now, pending, limit, rate);
    long seconds = retryAfterSeconds(pending, rate);
    return Optional.of(new Refusal(seconds, "the cluster is " + pending + " votes behind (it finishes about "
        + Math.round(rate) + " per second, and this gateway lets at most " + limit + " wait); nothing was recorded,"
        + " send the same ballot again after " + seconds + " s"));
  }

  private int limit(double finalsPerSecond) {
    if (settings.isOff()) {
      return capacity;
    }
    double byRate = finalsPerSecond * settings.targetSeconds();
    return (int) Math.min(capacity, Math.max(settings.floor(), byRate));
  }

  /** How long the backlog takes to clear at the recent rate; the longest if nothing is finishing. */
  static long retryAfterSeconds(int pending, double finalsPerSecond) {
    if (!(finalsPerSecond > 0)) {
      return MOST_RETRY_AFTER_SECONDS;
    }
    double seconds = Math.ceil(pending / finalsPerSecond);
    return (long) Math.max(1, Math.min(MOST_RETRY_AFTER_SECONDS, seconds));
  }

  private void noteRefused(long now, int pending, int limit, double rate) {
    refusedSinceAdmitting++;
    lastRefused = now;
    if (now - lastWarned < WARN_EVERY_NANOS) {
      return;
    }
    lastWarned = now;
    log.warn("{} votes posted here wait for their outcome, the cluster finishes about {} per second: past the limit"
        + " of {} (max of {} and {} s of outcomes) new votes are refused with 503 and Retry-After until it catches up"
        + " (gateway_votes_rejected_total{reason=\"backlog\"} counts them; {} refused so far)",
        pending, Math.round(rate), limit, settings.floor(), settings.targetSeconds(), refusedSinceAdmitting);
  }

  private void noteAdmitted(long now, int pending, int limit) {
    if (refusedSinceAdmitting == 0 || now - lastRefused < QUIET_NANOS) {
      return;
    }
    log.info("admitting votes again: {} wait for their outcome, under the limit of {}; {} were refused meanwhile",
        pending, limit, refusedSinceAdmitting);
    refusedSinceAdmitting = 0;
  }
}
