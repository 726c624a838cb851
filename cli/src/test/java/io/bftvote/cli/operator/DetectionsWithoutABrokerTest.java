package io.bftvote.cli.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.CliRun;
import io.bftvote.cli.Main;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code detections} gives one line that says what to do, instead of a Kafka client's minute of retries. */
class DetectionsWithoutABrokerTest {
  @Test
  void withNoBrokerRunningItSaysToStartDevnet() throws Exception {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "localhost:" + socket.getLocalPort();
    }

    CliRun run = CliRun.of("detections", "--bootstrap", nobody);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("cannot reach Kafka at " + nobody + " — is './bftvote devnet'"), run.err());
  }

  @Test
  void aBootstrapAddressWithoutAPortIsAUsageError() {
    CliRun run = CliRun.of("detections", "--bootstrap", "localhost");

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("'localhost' is not a list of HOST:PORT Kafka servers"), run.err());
  }
}
