package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Admission: no more votes wait than the cluster finishes in the target time")
class AdmissionTest {
  private static final int CAPACITY = 1_000_000;
  /** Starts mid-second on purpose: buckets are whole seconds of the clock, not of the test. */
  private final AtomicLong clock = new AtomicLong(Duration.ofMillis(123_400).toNanos());
  /** 5 s of outcomes, at least 1,000. */
  private final Admission admission = new Admission(new AdmissionLimit(5, 1_000), CAPACITY, clock::get);

  @Test
  void aGatewayThatHasSeenNoOutcomeAdmitsUpToTheFloor() {
    assertEquals(1_000, admission.limit());
    assertEquals(Optional.empty(), admission.check(999));
    assertTrue(admission.check(1_000).isPresent(), "at the limit a vote is refused");
  }

  @Test
  void onceOutcomesFlowTheLimitIsTheirRateTimesTheTarget() {
    finalsPerSecondFor(10, 600);
    assertEquals(600.0, admission.finalsPerSecond());
    assertEquals(3_000, admission.limit(), "600/s × 5 s");
    assertEquals(Optional.empty(), admission.check(2_999));
    assertTrue(admission.check(3_000).isPresent());
  }

  @Test
  void theSecondUnderWayDoesNotCountUntilItIsWhole() {
    finalsPerSecondFor(10, 600);
    for (int i = 0; i < 5_000; i++) {
      admission.finalReached();
    }
    assertEquals(3_000, admission.limit(), "the burst of this second is not in the window yet");
    advance(Duration.ofSeconds(1));
    assertEquals((9 * 600 + 5_000) / 10.0 * 5, admission.limit(), 1, "now it is, and the oldest second is out");
  }

  @Test
  void whenOutcomesStopTheLimitFallsBackToTheFloorAsTheWindowSlidesPastThem() {
    finalsPerSecondFor(10, 600);
    advance(Duration.ofSeconds(5));
    assertEquals(1_500, admission.limit(), "half the window still holds outcomes: 300/s on average");
    advance(Duration.ofSeconds(5));
    assertEquals(1_000, admission.limit(), "none left in the window");
  }

  @Test
  void theLimitNeverExceedsWhatTheOutcomeBookRemembers() {
    Admission small = new Admission(new AdmissionLimit(5, 1_000), 2_000, clock::get);
    for (int second = 0; second < 10; second++) {
      for (int i = 0; i < 600; i++) {
        small.finalReached();
      }
      advance(Duration.ofSeconds(1));
    }
    assertEquals(2_000, small.limit(), "3,000 by the rate, but the book holds 2,000");
    assertEquals(500, new Admission(new AdmissionLimit(5, 10_000), 500, clock::get).limit(), "nor the floor");
  }

  @Test
  void aRefusalSaysHowFarBehindTheClusterIsAndWhenToComeBack() {
    finalsPerSecondFor(10, 600);
    Admission.Refusal refusal = admission.check(4_200).orElseThrow();
    assertEquals(7, refusal.retryAfterSeconds(), "4,200 waiting at 600/s clear in 7 s");
    assertTrue(refusal.message().startsWith("the cluster is 4200 votes behind"), refusal.message());
    assertTrue(refusal.message().endsWith("nothing was recorded, send the same ballot again after 7 s"), refusal.message());
  }

  @Test
  void retryAfterIsAtLeastOneSecondAndAtMostThirty() {
    assertEquals(1, Admission.retryAfterSeconds(10, 600), "a sliver of a second rounds up");
    assertEquals(30, Admission.retryAfterSeconds(100_000, 600), "167 s is longer than anyone waits");
    assertEquals(30, Admission.retryAfterSeconds(2_000, 0), "nothing is finishing (a view change): the longest");
  }

  @Test
  void zeroTargetSecondsTurnsTheLimitOff() {
    Admission off = new Admission(new AdmissionLimit(0, 1), CAPACITY, clock::get);
    assertEquals(Optional.empty(), off.check(CAPACITY));
    assertEquals(CAPACITY, off.limit(), "only the book's own bound is left");
  }

  private void finalsPerSecondFor(int seconds, int perSecond) {
    for (int second = 0; second < seconds; second++) {
      for (int i = 0; i < perSecond; i++) {
        admission.finalReached();
      }
      advance(Duration.ofSeconds(1));
    }
  }

  private void advance(Duration by) {
    clock.addAndGet(by.toNanos());
  }
}
