package io.bftvote.cli.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bftvote.cli.CliException;
import io.bftvote.gateway.ApiLimits;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayLimitOptionsTest {
  @TempDir
  Path dir;

  @Test
  void withoutFlagsTheLimitsAreTheGatewaysOwnDefaults() {
    GatewayLimitOptions options = parse();
    assertEquals(ApiLimits.DEFAULT, options.limits());
  }

  @Test
  void flagsSetEachLimit() {
    assertEquals(new ApiLimits(2.5, 7, 3),
        parse("--votes-per-second", "2.5", "--vote-burst", "7", "--stream-clients", "3").limits());
  }

  @Test
  void aLimitOutOfRangeIsAUsageErrorNamingTheFlag() {
    CliException e = assertThrows(CliException.class, () -> parse("--vote-burst", "0").limits());
    assertEquals("--vote-burst must be at least 1, got 0", e.getMessage());
    CliException rate = assertThrows(CliException.class, () -> parse("--votes-per-second", "-1").limits());
    assertEquals("--votes-per-second must be a positive number, got -1.0", rate.getMessage());
  }

  @Test
  void theGatewayCommandHandsItsLimitsToTheGateway() {
    writeGenesis();
    GatewayCommand gateway = new GatewayCommand();
    new CommandLine(gateway).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--votes-per-second", "50");
    assertEquals(new ApiLimits(50, ApiLimits.DEFAULT.voteBurst(), ApiLimits.DEFAULT.streamClients()),
        gateway.config().limits());
  }

  private static GatewayLimitOptions parse(String... args) {
    GatewayLimitOptions options = new GatewayLimitOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  private void writeGenesis() {
    new Cluster(IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate().publicKey()).toList())
        .save(dir.resolve("cluster.json"));
    Elections.demo().save(dir.resolve("elections.json"));
  }
}
