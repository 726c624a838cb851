package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
  private static final long START = 1_000_000_000L;

  @Test
  void ballotIsDueAtStartPlusIndexOverRate() {
    ArrivalSchedule schedule = new ArrivalSchedule(1000, START, 5000);
    assertEquals(START, schedule.intendedNanos(0));
    assertEquals(START + 1_000_000, schedule.intendedNanos(1));
    assertEquals(START + 4_999_000_000L, schedule.intendedNanos(4999));
    assertEquals(START + 5_000_000_000L, schedule.endNanos());
  }

  @Test
  void aRateWithAFractionalIntervalDoesNotDrift() {
    // 3/s is 333,333,333.3 ns apart: adding a rounded interval would be 1 ns short every 3 ballots.
    ArrivalSchedule schedule = new ArrivalSchedule(3, START, 3_000_001);
    assertEquals(START + 1_000_000_000L, schedule.intendedNanos(3));
    assertEquals(START + 333_333_333_333_333L, schedule.intendedNanos(1_000_000));
    assertEquals(START + 1_000_000_000_000_000L, schedule.intendedNanos(3_000_000));
  }

  @Test
  void intendedTimesDoNotDependOnWhenTheyAreAskedFor() {
    ArrivalSchedule schedule = new ArrivalSchedule(2500, START, 100);
    long late = schedule.intendedNanos(99);
    schedule.intendedNanos(0);
    assertEquals(late, schedule.intendedNanos(99));
    assertEquals(START + 39_600_000, late);
  }

  @Test
  void dueByCountsEveryBallotWhoseTimeHasCome() {
    ArrivalSchedule schedule = new ArrivalSchedule(1000, START, 10);
    assertEquals(0, schedule.dueBy(START - 1));
    assertEquals(1, schedule.dueBy(START));
    assertEquals(1, schedule.dueBy(START + 999_999));
    assertEquals(2, schedule.dueBy(START + 1_000_000));
    assertEquals(10, schedule.dueBy(START + 60_000_000_000L), "never more than the run holds");
  }

  @Test
  void dueByAgreesWithIntendedTimesAtEveryBoundary() {
    ArrivalSchedule schedule = new ArrivalSchedule(7, START, 50);
    for (int i = 0; i < 50; i++) {
      long t = schedule.intendedNanos(i);
      assertEquals(i + 1, schedule.dueBy(t), "at ballot " + i + "'s own time");
      assertEquals(i, schedule.dueBy(t - 1), "just before ballot " + i);
    }
  }

  @Test
  void countCoversTheWholeDurationRoundedUp() {
    assertEquals(210_000, ArrivalSchedule.countFor(3000, 70));
    assertEquals(4, ArrivalSchedule.countFor(2.5, 1.5));
  }

  @Test
  void refusesRatesThatAreNotPositive() {
    assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule(0, START, 1));
    assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule(Double.NaN, START, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> new ArrivalSchedule(10, START, 1).intendedNanos(1));
  }
}
