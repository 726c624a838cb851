package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommitGapsTest {
  private static final long MS = 1_000_000;
  /** A window from 10 s to 70 s, in nanoseconds. */
  private static final long FROM = 10_000 * MS;
  private static final long TO = 70_000 * MS;

  private static CommitGaps finalsAt(long... millis) {
    CommitGaps gaps = new CommitGaps(FROM, TO);
    for (long ms : millis) {
      gaps.finalSeen(ms * MS, ms * MS - 50 * MS);
    }
    return gaps;
  }

  @Test
  void theLongestSilenceBetweenTwoFinalsIsTheGap() {
    CommitGap gap = finalsAt(9_990, 10_050, 30_000, 32_500, 45_000, 60_000, 69_990).longest();
    assertEquals(30_000 - 10_050, gap.longestMillis(), 1e-6, "from 10.05 s to 30 s");
    assertEquals(0.05, gap.startsAtSeconds(), 1e-9);
    assertEquals(6, gap.finalsInWindow(), "the final at 9.99 s came before the window");
  }

  @Test
  void aSilenceRunningIntoTheWindowsEndCountsSoAClusterThatStoppedShowsIt() {
    CommitGap gap = finalsAt(10_000, 10_100, 40_000).longest();
    assertEquals(30_000, gap.longestMillis(), 1e-6, "the last final at 40 s, the window ends at 70 s");
    assertEquals(30.0, gap.startsAtSeconds(), 1e-9);
  }

  @Test
  void onlyThePartOfASilenceInsideTheWindowCounts() {
    CommitGap gap = finalsAt(1_000, 12_000, 69_000, 69_500, 200_000).longest();
    assertEquals(57_000, gap.longestMillis(), 1e-6, "12 s to 69 s; the 2 s before it start at 10 s");
    assertEquals(2, finalsAt(1_000, 12_000, 69_000, 200_000).longest().finalsInWindow());
  }

  @Test
  void aWindowWithoutAnyFinalIsOneGapAsLongAsTheWindow() {
    CommitGap gap = finalsAt().longest();
    assertEquals(60_000, gap.longestMillis(), 1e-6);
    assertEquals(0, gap.startsAtSeconds(), 1e-9);
    assertEquals(0, gap.finalsInWindow());
  }

  @Test
  void afterACrashWorkAgreedBeforeItAndBallotsSentAfterItAreTimedApart() {
    CommitGaps gaps = finalsAt(20_000, 29_990);
    gaps.mark(30_000 * MS);
    assertNull(gaps.millisToFirstFinal(), "nothing final since the crash yet");
    gaps.finalSeen(30_020 * MS, 29_900 * MS); // sent before the crash, agreed without the dead primary
    gaps.finalSeen(33_000 * MS, 29_950 * MS);
    gaps.finalSeen(34_500 * MS, 30_400 * MS); // sent after the crash: needed the new primary
    assertEquals(20, gaps.millisToFirstFinal(), 1e-6);
    assertEquals(4_500, gaps.millisToFirstFinalSentAfter(), 1e-6);
    assertEquals(35_500, gaps.longest().longestMillis(), 1e-6, "34.5 s to the window's end at 70 s");
  }

  @Test
  void withoutACrashThereIsNothingToTimeFromIt() {
    CommitGaps gaps = finalsAt(20_000);
    assertNull(gaps.millisToFirstFinal());
    assertNull(gaps.millisToFirstFinalSentAfter());
  }

  @Test
  void anEmptyWindowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CommitGaps(FROM, FROM));
  }
}
