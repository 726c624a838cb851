package io.bftvote.bench;

/**
 * Finds the {@link CommitGap} of a run from the times the reply reader saw votes become final,
 * and, after a marked moment (a crash), the first final of any vote and the first final of a vote
 * sent after it. The two differ: work already agreed before a primary dies still commits without
 * it, while a ballot sent later needs a new primary, i.e. a completed view change. Online, in
 * constant memory: a 10-minute run at 1,000 votes/s sees 600,000 finals, and only the previous
 * one matters.
 *
 * <p>Only the part of each silence that lies inside the measured window counts; the silence
 * before the first final in the window and after the last one count too, so a system that stops
 * committing for good shows a gap that runs to the window's end.
 */
final class CommitGaps {
  private static final long NONE = Long.MIN_VALUE;

  private final long windowFrom;
  private final long windowTo;
  private long lastFinal = NONE;
  private long longest;
  private long longestFrom;
  private long finalsInWindow;
  private long mark = NONE;
  private long firstAfterMark = NONE;
  private long firstSentAfterMark = NONE;

  /** @param windowFrom the measured window's start; @param windowTo its end ({@link System#nanoTime()}) */
  CommitGaps(long windowFrom, long windowTo) {
    if (windowTo <= windowFrom) {
      throw new IllegalArgumentException("the measured window must not be empty");
    }
    this.windowFrom = windowFrom;
    this.windowTo = windowTo;
  }

  /**
   * A vote became final at {@code nanos}; the reply reader calls this in order of time.
   *
   * @param intendedNanos when that vote was (meant to be) sent
   */
  synchronized void finalSeen(long nanos, long intendedNanos) {
    if (mark != NONE && nanos >= mark) {
      firstAfterMark = firstAfterMark == NONE ? nanos : firstAfterMark;
      if (intendedNanos >= mark && firstSentAfterMark == NONE) {
        firstSentAfterMark = nanos;
      }
    }
    silence(lastFinal, nanos);
    lastFinal = lastFinal == NONE ? nanos : Math.max(lastFinal, nanos);
    if (nanos >= windowFrom && nanos < windowTo) {
      finalsInWindow++;
    }
  }

  /** Remembers a moment (the primary's crash) to measure the time to the next finals from. */
  synchronized void mark(long nanos) {
    mark = nanos;
    firstAfterMark = lastFinal != NONE && lastFinal >= nanos ? lastFinal : NONE;
    firstSentAfterMark = NONE;
  }

  /** From the mark to the first vote final after it; null when none has been (yet). */
  synchronized Double millisToFirstFinal() {
    return sinceMark(firstAfterMark);
  }

  /** From the mark to the first final of a vote sent after it; null when none has been (yet). */
  synchronized Double millisToFirstFinalSentAfter() {
    return sinceMark(firstSentAfterMark);
  }

  private Double sinceMark(long nanos) {
    return mark == NONE || nanos == NONE ? null : (nanos - mark) / 1e6;
  }

  /** The longest silence so far, the one running into the window's end included. */
  synchronized CommitGap longest() {
    long tailFrom = lastFinal == NONE ? windowFrom : Math.max(lastFinal, windowFrom);
    long tail = Math.max(0, windowTo - tailFrom);
    boolean tailIsLongest = tail > longest;
    long length = tailIsLongest ? tail : longest;
    long from = tailIsLongest ? tailFrom : longestFrom;
    return new CommitGap(length / 1e6, (from - windowFrom) / 1e9, finalsInWindow);
  }

  /** The silence between two finals, clipped to the window. */
  private void silence(long previous, long next) {
    long from = Math.max(previous == NONE ? windowFrom : previous, windowFrom);
    long to = Math.min(next, windowTo);
    if (to - from > longest) {
      longest = to - from;
      longestFrom = from;
    }
  }
}
