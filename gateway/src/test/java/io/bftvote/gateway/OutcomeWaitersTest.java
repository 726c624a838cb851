package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test runs on one event loop, as the gateway does, and finishes through the test context. */
@ExtendWith(VertxExtension.class)
class OutcomeWaitersTest {
  private static final String ID = "ab".repeat(32);
  private static final VoteStatus ACCEPTED = new VoteStatus(ID, "accepted", null, 3L, 2);

  @Test
  void aWaiterIsAnsweredWhenTheVoteIsDecided(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(v -> {
      OutcomeWaiters waiters = new OutcomeWaiters(vertx, 10);
      waiters.await(ID, Duration.ofSeconds(10)).onComplete(test.succeeding(outcome -> test.verify(() -> {
        assertEquals(Optional.of(ACCEPTED), outcome);
        assertEquals(0, waiters.count());
        test.completeNow();
      })));
      waiters.decided(ACCEPTED);
    });
  }

  @Test
  void aWaiterWhoseTimeRunsOutIsAnsweredEmptyAndForgotten(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(v -> {
      OutcomeWaiters waiters = new OutcomeWaiters(vertx, 10);
      waiters.await(ID, Duration.ofMillis(50)).onComplete(test.succeeding(outcome -> test.verify(() -> {
        assertEquals(Optional.empty(), outcome);
        assertEquals(0, waiters.count());
        test.completeNow();
      })));
    });
  }

  @Test
  void pastTheLimitANewWaiterIsAnsweredAtOnce(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(v -> {
      OutcomeWaiters waiters = new OutcomeWaiters(vertx, 1);
      waiters.await(ID, Duration.ofSeconds(10));
      waiters.await("cd".repeat(32), Duration.ofSeconds(10)).onComplete(test.succeeding(outcome -> test.verify(() -> {
        assertEquals(Optional.empty(), outcome);
        assertEquals(1, waiters.count());
        waiters.decided(ACCEPTED);
        test.completeNow();
      })));
    });
  }
}
