package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {
  @Test
  void cpuTicksAreUserPlusSystemEvenWhenTheNameHoldsSpacesAndParentheses() {
    String stat = "4242 (java (devnet) x) S 1 4242 4242 0 -1 4194560 95 0 0 0 1500 250 0 0 20 0 40 0 100 0 0";
    assertEquals(1750, ProcessProbe.cpuTicks(stat));
  }

  @Test
  void residentSetComesFromVmRss() {
    String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";
    assertEquals(123456, ProcessProbe.rssKib(status));
  }

  @Test
  void cpuPercentIsOfOneCore() {
    ProcessProbe probe = new ProcessProbe(100);
    ProcessProbe.Sample from = new ProcessProbe.Sample(1000, 0, 0);
    ProcessProbe.Sample to = new ProcessProbe.Sample(1300, 0, 2_000_000_000L);
    assertEquals(150.0, probe.cpuPercent(from, to), 1e-9, "300 ticks of 10 ms in 2 s");
  }

  @Test
  void threadsThatDifferOnlyInTheirNumberFormOneGroup() {
    assertEquals("replica-0-verify", ThreadProbe.group("replica-0-verify-12"));
    assertEquals("kafka-request-h", ThreadProbe.group("kafka-request-h"));
    assertEquals("replica-0-loop", ThreadProbe.group("replica-0-loop"));
    assertEquals("42", ThreadProbe.group("42"), "a name that is only a number stays itself");
    assertEquals("vert.x-eventloo", ThreadProbe.threadName("17 (vert.x-eventloo) S 1 2 3"));
  }

  @Test
  void busiestThreadGroupsComeFirstInPercentOfOneCore() {
    var from = java.util.Map.of("replica-0-loop", 100L, "gc", 50L);
    var to = java.util.Map.of("replica-0-loop", 300L, "gc", 60L, "new-thread", 40L);
    var busiest = ThreadProbe.busiest(from, to, 100, 2.0, 2);
    assertEquals(java.util.List.of(new ThreadUsage("replica-0-loop", 100.0), new ThreadUsage("new-thread", 20.0)),
        busiest);
  }

  @Test
  void thisJvmCanBeSampledOnLinux() {
    if (!System.getProperty("os.name").startsWith("Linux")) {
      return; // /proc is Linux's
    }
    ProcessProbe.Sample sample = ProcessProbe.forThisMachine().sample(ProcessHandle.current().pid()).orElseThrow();
    assertTrue(sample.rssKib() > 0);
  }
}
