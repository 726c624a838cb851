package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Json;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTableTest {
  @Test
  void percentilesComeFromTheHistogramInMilliseconds() {
    Histogram micros = new Histogram(3_600_000_000L, 3);
    for (int ms = 1; ms <= 100; ms++) {
      micros.recordValue(ms * 1000L);
    }
    Latency latency = Latency.of(micros);
    assertEquals(100, latency.count());
    assertEquals(50, latency.p50(), 0.1);
    assertEquals(90, latency.p90(), 0.1);
    assertEquals(99, latency.p99(), 0.1);
    assertEquals(100, latency.max(), 0.1);
    assertEquals(50.5, latency.mean(), 0.1);
  }

  @Test
  void anEmptyHistogramHasNoPercentilesRatherThanZeros() {
    assertEquals(Latency.NONE, Latency.of(new Histogram(1000, 3)));
    assertEquals("-", ReportTable.millis(Latency.NONE.p99()));
  }

  @Test
  void millisecondsReadAtAGlance() {
    assertEquals("4.2 ms", ReportTable.millis(4.23));
    assertEquals("130 ms", ReportTable.millis(130.4));
    assertEquals("1,204 ms", ReportTable.millis(1204));
  }

  @Test
  void tableHasOneRowPerRunWithItsFiguresAndVerdict() {
    String text = ReportTable.format(Samples.result("n=4 http",
        List.of(Samples.run(1000, 999.7, 130.5, true), Samples.run(3000, 2701, 1204, false))));
    List<String> rows = text.lines().filter(l -> l.trim().matches("^[\\d,]+ .*")).toList();
    assertEquals(2, rows.size(), text);
    assertTrue(rows.get(0).matches("\\s+1,000\\s+999\\.7\\s+59,995/60,000\\s+3\\s+2\\s+44 ms\\s+65 ms\\s+131 ms"
        + "\\s+261 ms\\s+5\\.10\\s+ok"), rows.get(0));
    assertTrue(rows.get(1).endsWith("MISS"), rows.get(1));
    assertTrue(text.contains("missed: p99 1204.0 ms over the 500 ms target"), text);
    assertTrue(text.contains("refused: http-429 3"), text);
    assertTrue(text.contains("highest sustained rate: 3,000 votes/s"), text);
  }

  @Test
  void theHeaderSaysHowFastTheMachineVerifiedThatDay() {
    BenchResult before = Samples.result("n=4 http", List.of(Samples.run(1000, 999.7, 130.5, true)));
    String text = ReportTable.format(before.withSpeedAfter(new SignatureSpeed(10_980, 17_650)));
    assertTrue(text.contains("machine speed before the system started: BouncyCastle verifies 11,420 signatures/s one"
        + " by one, the batch verifier 18,310/s in batches of 64, on one core"), text);
    assertTrue(text.contains("machine speed after the runs: BouncyCastle verifies 10,980 signatures/s"), text);
    assertFalse(ReportTable.format(before).contains("machine speed after"), "no check after: no line");
  }

  @Test
  void processesShowCpuOfOneCoreAndMemoryOrADashWhenUnknown() {
    String details = ReportTable.details(Samples.run(1000, 999.7, 130.5, true), 2);
    assertTrue(details.contains(
        "machine: CPU 190% of 2 cores' 200%, of which 47% by other processes; load average 5.10"), details);
    assertTrue(details.matches("(?s).*devnet JVM\\s+pid 1234\\s+CPU\\s+143%\\s+RSS 1,203 MiB \\(max 1,251 MiB\\).*"),
        details);
    assertTrue(details.contains("busiest threads: replica-0-loop 32%, replica-1-verif 20%"), details);
    assertTrue(details.matches("(?s).*bench JVM\\s+pid 99\\s+CPU\\s+-\\s+RSS - \\(max -\\).*"), details);
  }

  @Test
  void progressLinesSayWhichPhaseTheRunIsInAndTheRateSinceTheLastLine() {
    long second = 1_000_000_000L;
    ProgressLine line = new ProgressLine(500, 0, 10 * second, 70 * second, "measuring");
    Latency recent = new Latency(10, 40, 60, 230.4, 250, 300, 45);
    String warmup = line.format(5 * second, 2_500, 2_000, recent, 0, 500, 1.5);
    assertEquals("     5s warm-up   offered 500/s  taken 2,500  final 2,000 (400/s, p99 230 ms)  refused 0  awaiting 500"
        + "  load 1.50", warmup);
    assertTrue(line.format(15 * second, 7_500, 7_000, recent, 0, 500, 1.5).contains("measuring offered 500/s"));
    assertTrue(line.format(75 * second, 35_000, 34_000, Latency.NONE, 3, 997, 1.5)
        .contains("draining  offered 500/s  taken 35,000  final 34,000 (450/s, p99 -)  refused 3  awaiting 997"));
  }

  @Test
  void jsonReadsBackAsTheSameResult() throws Exception {
    BenchResult result = Samples.result("n=7 direct", List.of(Samples.run(500, 499.9, 80, true)))
        .withSpeedAfter(new SignatureSpeed(10_980, 17_650));
    java.nio.file.Path file = java.nio.file.Files.createTempFile("bench", ".json");
    try {
      java.nio.file.Files.writeString(file, result.toJson());
      assertEquals(result, BenchResult.read(file));
    } finally {
      java.nio.file.Files.delete(file);
    }
    assertTrue(Json.MAPPER.readTree(result.toJson()).get("runs").get(0).has("committedPerSecond"));
  }
}
