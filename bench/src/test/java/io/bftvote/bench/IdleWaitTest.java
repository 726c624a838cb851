package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What counts as idle between two steps, on a fake system's clock. */
class IdleWaitTest {
  private final StringWriter progress = new StringWriter();

  private IdleWait idleWait(FakeLoad system, Duration settle) {
    return new IdleWait(settle, Duration.ofSeconds(5), system, new PrintWriter(progress, true));
  }

  @Test
  void waitsForTheSlowerReplicasAfterTheLastVoteIsFinal() throws InterruptedException {
    FakeLoad system = new FakeLoad(600, TimeUnit.SECONDS.toNanos(12));
    system.run(500, null); // nothing left outstanding, but the slower replicas reply for 12 s more

    Settling settling = idleWait(system, Duration.ofSeconds(60)).await(system::backlog);

    assertTrue(settling.idle());
    assertTrue(settling.waitedSeconds() >= 12 + 2 + 5, "lag, quiet period, pause: " + settling.waitedSeconds());
    assertTrue(progress.toString().contains("every vote final, replicas still replying"), progress.toString());
  }

  @Test
  void reportsWhatIsLeftWhenTheDeadlinePasses() throws InterruptedException {
    FakeLoad system = new FakeLoad(100, 0);
    system.run(400, null); // 12,000 votes behind, two minutes of work

    Settling settling = idleWait(system, Duration.ofSeconds(30)).await(system::backlog);

    assertFalse(settling.idle());
    assertEquals(9_000, settling.outstanding());
    assertTrue(settling.repliesArriving());
    assertEquals(30, settling.waitedSeconds(), 0.001);
    assertTrue(progress.toString().contains("draining: 11,500 votes outstanding, replies arriving; waited 5 s"),
        progress.toString());
  }

  @Test
  void beforeAnyStepThereIsNothingToWaitFor() throws InterruptedException {
    FakeLoad system = new FakeLoad(600, 0);

    Settling settling = idleWait(system, Duration.ofSeconds(60)).await(system::backlog);

    assertTrue(settling.idle());
    assertEquals(0, system.nanoTime());
  }

  @Test
  void refusesASettleTooShortToSeeTheRepliesStop() {
    FakeLoad system = new FakeLoad(600, 0);
    String why = assertThrows(IllegalArgumentException.class, () -> idleWait(system, Duration.ofSeconds(1)))
        .getMessage();
    assertTrue(why.contains("--settle must be at least 2s"), why);
  }
}
