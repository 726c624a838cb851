package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a --processes run with --crash-primary-at reads, as text and as JSON. */
class CrashReportTest {
  @TempDir
  Path dir;

  @Test
  void eachProcessShowsItsRssOverTheWindowAndTheVerdict() {
    String details = ReportTable.details(Samples.crashRun(Samples.killedAndCaughtUp(), 0), 2);
    assertTrue(details.contains("RSS start 400 MiB, end 420 MiB, min 400 MiB, max 420 MiB; first→last minute"
        + " 405 MiB → 415 MiB, +2.5%: flat (±10%)"), details);
  }

  @Test
  void aCrashRunSaysWhatTheKillCostAndThatNoVoteWasLost() {
    String details = ReportTable.details(Samples.crashRun(Samples.killedAndCaughtUp(), 0), 2);
    assertTrue(details.contains("longest time without a vote becoming final: 2,850 ms, from 30.1 s into the window"),
        details);
    assertTrue(details.contains("killed replica 0, the primary of view 0, 30.0 s into the window; at the end: view 1,"
        + " primary 1"), details);
    assertTrue(details.contains("from the kill to the next vote final: 12 ms; to the first final of a vote sent after"
        + " it: 2,950 ms"), details);
    assertTrue(details.contains("latency p99 2,400 ms, max 3,300 ms; every vote became final (120,000 of 120,000"
        + " offered)"), details);
    assertTrue(details.contains("restarted 50.0 s into the window; caught up (height 3,050) 8,400 ms after its"
        + " restart, 58.4 s into the window (under load)"), details);
  }

  @Test
  void lostVotesAndAReplicaThatNeverCaughtUpAreSaidPlainly() {
    ViewChangeReport stuck = new ViewChangeReport(0, 0L, 30.0, 12.0, null, 0L, 0, 50.0, null, null, null, null);
    String details = ReportTable.details(Samples.crashRun(stuck, 7), 2);
    assertTrue(details.contains("to the first final of a vote sent after it: none by the end of the run"), details);
    assertTrue(details.contains("NOT every vote became final: 119,993 of 120,000 offered; 0 refused, 7 unfinished"),
        details);
    assertTrue(details.contains("NOT caught up with the others within 180s after the run"), details);
  }

  @Test
  void aCrashThatCouldNotBeCarriedOutSaysWhy() {
    String details = ReportTable.details(Samples.crashRun(ViewChangeReport.failed("no replica answered /status"), 0),
        2);
    assertTrue(details.contains("crash: not carried out: no replica answered /status"), details);
  }

  @Test
  void theTimeSeriesGapAndCrashSurviveTheJsonFile() throws Exception {
    BenchResult written = Samples.result("n=4 http", List.of(Samples.crashRun(Samples.killedAndCaughtUp(), 0)));
    Path file = dir.resolve("crash.json");
    Files.writeString(file, written.toJson());
    BenchResult read = BenchResult.read(file);
    assertEquals(written, read);
    assertEquals(3, read.runs().get(0).processes().get(0).series().size());
  }

  @Test
  void resultFilesWrittenBeforeTheseFiguresExistedStillRead() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(
        Samples.result("n=4 http", List.of(Samples.crashRun(Samples.killedAndCaughtUp(), 0))).toJson());
    ObjectNode run = (ObjectNode) json.withArray("runs").get(0);
    run.remove(List.of("commitGap", "viewChange", "settling"));
    json.remove(List.of("searchStopped", "speedBefore", "speedAfter"));
    ((ObjectNode) run.withArray("processes").get(0)).remove(List.of("memory", "series"));
    Path file = dir.resolve("old.json");
    Files.writeString(file, json.toString());
    BenchResult oldResult = BenchResult.read(file);
    assertNull(oldResult.searchStopped());
    assertNull(oldResult.speedBefore());
    RunReport old = oldResult.runs().get(0);
    assertNull(old.commitGap());
    assertNull(old.settling());
    assertFalse(old.startedOnBacklog());
    assertNull(old.processes().get(0).memory());
    assertEquals(List.of(), old.processes().get(0).series());
  }
}
