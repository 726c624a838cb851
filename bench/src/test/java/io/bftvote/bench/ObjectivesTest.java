package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectivesTest {
  private static Latency p99(double ms) {
    return new Latency(1000, ms / 2, ms / 1.5, ms, ms, ms, ms / 2);
  }

  @Test
  void aRunThatKeepsUpWithEveryBallotFinalInTimePasses() {
    Verdict verdict = Objectives.DEFAULT.judge(3000, 180_000, 180_000, 2990, p99(420));
    assertTrue(verdict.passed(), verdict.misses().toString());
  }

  @Test
  void eachMissedObjectiveIsNamedWithItsFigures() {
    Verdict verdict = Objectives.DEFAULT.judge(3000, 180_000, 170_000, 2700, p99(1204));
    assertEquals(3, verdict.misses().size(), verdict.misses().toString());
    assertEquals("committed 2,700/s, under 95% of the offered 3,000/s", verdict.misses().get(0));
    assertEquals("10,000 of 180,000 ballots (5.56%) were refused or not final", verdict.misses().get(1));
    assertEquals("p99 1,204 ms over the 500 ms target", verdict.misses().get(2));
  }

  @Test
  void aRunThatMeasuredNothingDoesNotPass() {
    Verdict verdict = Objectives.DEFAULT.judge(100, 0, 0, 0, Latency.NONE);
    assertTrue(verdict.misses().get(0).startsWith("nothing was measured"), verdict.misses().toString());
  }
}
