package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of --processes and --crash-primary-at: what goes together is checked before anything starts. */
class BenchOptionsTest {
  private static BenchCommand parse(String... args) {
    BenchCommand bench = new BenchCommand();
    new CommandLine(bench).parseArgs(args);
    return bench;
  }

  private static String refusal(String... args) {
    BenchCommand bench = parse(args);
    return assertThrows(IllegalArgumentException.class, bench::checkOptions).getMessage();
  }

  @Test
  void aCrashRunWithARestartParsesAndPasses() {
    BenchCommand bench = parse("--devnet", "--processes", "--rate", "500", "--duration", "120s",
        "--crash-primary-at", "40s", "--restart-after", "20s", "--process-heap", "768m");
    assertDoesNotThrow(bench::checkOptions);
    assertTrue(bench.target.processes);
    assertEquals(Duration.ofSeconds(40), bench.crash.crashAt);
    assertEquals(Duration.ofSeconds(20), bench.crash.restartAfter);
    assertEquals("768m", bench.target.processHeap);
  }

  @Test
  void theMachinesSpeedIsCheckedUnlessTheCheckIsGivenNoTime() {
    assertEquals(Duration.ofSeconds(3), parse("--devnet").load.speedCheck);
    java.io.StringWriter said = new java.io.StringWriter();
    assertNull(parse("--devnet", "--speed-check", "0s").load.checkSpeed("before", new java.io.PrintWriter(said)));
    assertEquals("", said.toString(), "a skipped check says nothing");
  }

  @Test
  void processesAreAWayToRunADevnet() {
    assertTrue(refusal("--processes").contains("add --devnet"));
  }

  @Test
  void aCrashNeedsAProcessPerReplica() {
    assertTrue(refusal("--devnet", "--crash-primary-at", "10s").contains("--processes"));
  }

  @Test
  void aCrashMeasuresOneRun() {
    assertTrue(refusal("--devnet", "--processes", "--rate", "500,1000", "--crash-primary-at", "10s")
        .contains("one --rate"));
    assertTrue(refusal("--devnet", "--processes", "--find-max", "--crash-primary-at", "10s").contains("--find-max"));
  }

  @Test
  void aCrashMustFallInsideTheMeasuredWindow() {
    String why = refusal("--devnet", "--processes", "--duration", "60s", "--crash-primary-at", "60s");
    assertTrue(why.contains("inside the measured window"), why);
  }

  @Test
  void theRestartFallsInsideTheWindowSoTheReplicaCatchesUpUnderLoad() {
    String why = refusal("--devnet", "--processes", "--duration", "60s", "--crash-primary-at", "40s",
        "--restart-after", "20s");
    assertTrue(why.contains("lengthen --duration"), why);
  }

  @Test
  void aRestartNeedsACrash() {
    assertTrue(refusal("--devnet", "--processes", "--restart-after", "10s").contains("add --crash-primary-at"));
  }

  @Test
  void heapSizesAreWhatXmxTakes() {
    assertTrue(refusal("--devnet", "--processes", "--process-heap", "512MB").contains("--process-heap"));
    assertTrue(refusal("--devnet", "--processes", "--broker-heap", "-1g").contains("--broker-heap"));
    assertDoesNotThrow(parse("--devnet", "--processes", "--broker-heap", "2G")::checkOptions);
  }

  @Test
  void aDevnetHasThreeFPlusOneReplicas() {
    assertTrue(refusal("--devnet", "--processes", "--replicas", "5").contains("3f+1"));
    assertDoesNotThrow(parse("--devnet", "--processes", "--replicas", "7")::checkOptions);
  }

  @Test
  void aDevnetRefusesAnExternalCluster() {
    assertTrue(refusal("--devnet", "--bootstrap", "kafka:9092").contains("starts its own cluster"));
  }
}
