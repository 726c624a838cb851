package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The steps of a sweep and of the max-rate search, against a fake system with a backlog and a clock of its own. */
class StepsTest {
  private static final long REPLICA_LAG = TimeUnit.SECONDS.toNanos(3);

  private final StringWriter progress = new StringWriter();

  private Steps steps(FakeLoad system, Duration settle) {
    PrintWriter out = new PrintWriter(progress, true);
    return new Steps(system, new IdleWait(settle, Duration.ofSeconds(5), system, out), out);
  }

  @Test
  void aStepAfterAnOverloadedOneStartsOnlyOnceNothingIsOutstanding() throws InterruptedException {
    FakeLoad system = new FakeLoad(600, REPLICA_LAG);
    Steps.Outcome outcome = steps(system, Duration.ofSeconds(300)).findMax(new MaxRateSearch(800, 100, 10));

    // 800/s leaves 8,000 votes behind (13 s of work at 600/s): measured on top of them, 400/s would
    // have missed too, and the search would have settled far too low (what n = 7 did).
    assertEquals(List.of(800.0, 400.0, 600.0, 700.0), system.starts().stream().map(FakeLoad.Start::rate).toList());
    system.starts().forEach(start -> assertEquals(0, start.outstanding(), "step at " + start.rate()));
    assertEquals(600.0, outcome.best());
    assertNull(outcome.stopped());
    Settling afterOverload = outcome.runs().get(1).settling();
    assertTrue(afterOverload.idle());
    assertTrue(afterOverload.waitedSeconds() >= 8_000 / 600.0 + 3 + 2 + 5, "work, replica lag, quiet, pause: "
        + afterOverload.waitedSeconds());
    assertTrue(progress.toString().contains("draining: 5,000 votes outstanding"), progress.toString());
  }

  @Test
  void theSearchStopsAndSaysWhyWhenTheBacklogOutlastsTheDeadline() throws InterruptedException {
    FakeLoad system = new FakeLoad(600, REPLICA_LAG);
    Steps.Outcome outcome = steps(system, Duration.ofSeconds(10)).findMax(new MaxRateSearch(800, 100, 10));

    assertEquals(1, system.starts().size(), "no step measured on the backlog");
    assertEquals(1, outcome.runs().size());
    assertNull(outcome.best());
    assertTrue(outcome.stopped().contains("before 400/s"), outcome.stopped());
    assertTrue(outcome.stopped().contains("2,000 votes still outstanding"), outcome.stopped());
    assertTrue(outcome.stopped().contains("10s (--settle)"), outcome.stopped());
    assertTrue(progress.toString().contains("did not become idle within 10s"), progress.toString());
  }

  @Test
  void aSweepRunsEveryRateButMarksOneThatStartedOnABacklog() throws InterruptedException {
    FakeLoad system = new FakeLoad(600, REPLICA_LAG);
    Steps.Outcome outcome = steps(system, Duration.ofSeconds(10)).sweep(List.of(300.0, 800.0, 300.0));

    assertEquals(3, outcome.runs().size());
    assertFalse(outcome.runs().get(1).startedOnBacklog(), "300/s left nothing behind");
    RunReport tainted = outcome.runs().get(2);
    assertTrue(tainted.startedOnBacklog());
    assertEquals(2_000, tainted.settling().outstanding());
    assertTrue(tainted.settling().describe().startsWith("STARTED ON A BACKLOG"), tainted.settling().describe());
    assertTrue(ReportTable.format(Samples.result("n=4", outcome.runs())).contains("MISS (on a backlog)"));
  }
}
