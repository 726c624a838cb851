package io.bftvote.cli.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.gateway.ApiLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevnetGatewayLimitsTest {
  @Test
  void devnetDefaultsToTheGatewaysOwnLimits() {
    assertEquals(ApiLimits.DEFAULT, options().gatewayLimits());
    assertEquals(ApiLimits.DEFAULT, DevnetOptions.anyFreePorts(java.nio.file.Path.of("d"), 4).gatewayLimits());
  }

  @Test
  void devnetTakesTheGatewaysLimitFlags() {
    assertEquals(new ApiLimits(ApiLimits.DEFAULT.votesPerSecond(), 9, 4),
        options("--vote-burst", "9", "--stream-clients", "4").gatewayLimits());
  }

  private static DevnetOptions options(String... args) {
    DevnetCommand command = new DevnetCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }
}
