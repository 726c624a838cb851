package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong clock = new AtomicLong(0);
  /** 10 votes a second, bursts of 3, at most 2 clients remembered. */
  private final RateLimiter limiter = new RateLimiter(10, 3, 2, clock::get);

  @Test
  void aClientMayBurstThenWaitsForTheNextToken() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, limiter.delay("10.0.0.1"), "vote " + i + " of the burst");
    }
    assertEquals(Duration.ofMillis(100), limiter.delay("10.0.0.1"), "one token every 100 ms");
  }

  @Test
  void tokensComeBackAtTheConfiguredRate() {
    for (int i = 0; i < 3; i++) limiter.delay("10.0.0.1");
    clock.addAndGet(Duration.ofMillis(250).toNanos());
    assertEquals(Duration.ZERO, limiter.delay("10.0.0.1"));
    assertEquals(Duration.ZERO, limiter.delay("10.0.0.1"));
    assertEquals(Duration.ofMillis(50), limiter.delay("10.0.0.1"), "half a token was left over");
  }

  @Test
  void aRefusedRequestTakesNoToken() {
    for (int i = 0; i < 3; i++) limiter.delay("10.0.0.1");
    for (int i = 0; i < 5; i++) limiter.delay("10.0.0.1");
    clock.addAndGet(Duration.ofMillis(100).toNanos());
    assertEquals(Duration.ZERO, limiter.delay("10.0.0.1"), "hammering while refused must not dig a deeper hole");
  }

  @Test
  void oneClientsFloodDoesNotSlowAnother() {
    for (int i = 0; i < 10; i++) limiter.delay("10.0.0.1");
    assertEquals(Duration.ZERO, limiter.delay("10.0.0.2"));
  }

  @Test
  void theMapOfBucketsForgetsTheLeastRecentlySeenClientPastItsBound() {
    for (int i = 0; i < 3; i++) limiter.delay("10.0.0.1");
    limiter.delay("10.0.0.2");
    limiter.delay("10.0.0.3");
    assertEquals(2, limiter.trackedClients());
    assertEquals(Duration.ZERO, limiter.delay("10.0.0.1"), "forgotten, so it starts with a full bucket");
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpSoAnObedientClientGetsIn() {
    assertEquals(1, VoteRateLimit.retryAfterSeconds(Duration.ofMillis(1)));
    assertEquals(1, VoteRateLimit.retryAfterSeconds(Duration.ofMillis(1000)));
    assertEquals(2, VoteRateLimit.retryAfterSeconds(Duration.ofMillis(1001)));
  }
}
