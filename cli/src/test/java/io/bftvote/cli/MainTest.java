package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  @Test
  void withoutACommandItShowsUsageAndExitsTwo() {
    CliRun run = CliRun.of();
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("missing command"), run.err());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertEquals(Main.USAGE, CliRun.of("frobnicate").exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"devnet", "broker", "replica", "gateway", "tally", "keygen", "vote", "status", "detections",
      "verify-evidence", "cluster", "genesis", "healthcheck", "simulate"})
  void everyCommandExplainsItselfWithHelp(String command) {
    CliRun run = CliRun.of(command, "--help");
    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("Usage: bftvote " + command), run.out());
  }

  @Test
  void simulateRunsSeedsOfTheWholeClusterAndReportsHowManyFailed() {
    CliRun run = CliRun.of("simulate", "--seeds", "5", "--from", "40");
    assertEquals(Main.OK, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("5 seeds from 40 (all-faults, n=4): 0 failed"), run.out());
  }

  @Test
  void simulateRefusesAnUnknownProfile() {
    CliRun run = CliRun.of("simulate", "--seeds", "1", "--profile", "gentle-breeze");
    assertEquals(Main.USAGE, run.exitCode(), run.out());
  }

  @Test
  void devnetRefusesMoreLyingReplicasThanPbftTolerates() {
    CliRun run = CliRun.of("devnet", "--byzantine", "1:silent", "--byzantine", "3:equivocate",
        "--data", "target/never-created");
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("makes 2 replicas lie, but PBFT with n = 4 tolerates only f = 1"), run.err());
  }

  @Test
  void devnetNamesTheModesWhenAByzantineModeIsUnknown() {
    CliRun run = CliRun.of("devnet", "--byzantine", "1:lazy");
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("unknown mode 'lazy'; modes are silent, equivocate, forge, corrupt, replay"),
        run.err());
  }

  @Test
  void devnetRefusesAByzantineReplicaThatDoesNotExist() {
    CliRun run = CliRun.of("devnet", "--byzantine", "4:silent");
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("replicas 0..3"), run.err());
  }

  @Test
  void devnetRefusesAReplicaCountThatIsNotThreeFPlusOne() {
    CliRun run = CliRun.of("devnet", "--replicas", "5");
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("3f+1"), run.err());
  }

  @Test
  void replicaWithoutAnIdSaysHowToGiveOne() {
    CliRun run = CliRun.of("replica");
    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("--id is required"), run.err());
  }
}
