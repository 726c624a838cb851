package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.FakeGateway.Response;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cluster} against a scripted gateway. */
class ClusterCommandTest {
  private static final String TWO_REPLICAS = "{\"replicas\":["
      + "{\"id\":0,\"view\":0,\"primary\":0,\"height\":4,\"stableCheckpoint\":0,\"head\":\"00ff\",\"reachable\":true},"
      + "{\"id\":1,\"reachable\":false}]}";

  FakeGateway gateway;

  @BeforeEach
  void setUp() throws Exception {
    gateway = new FakeGateway();
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  @Test
  void clusterPrintsAReplicaTableFromTheGateway() {
    gateway.answer("GET /api/cluster", new Response(200, TWO_REPLICAS));

    CliRun run = CliRun.of("cluster", "--gateway", gateway.url());

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("replica  role     view  height  head  lag  reachable\n"
        + "0        primary  0     4       00ff  0    yes\n"
        + "1        -        -     -       -     -    NO\n"), run.out());
    assertTrue(run.out().endsWith("1 of 2 replicas reachable\n"), run.out());
  }

  @Test
  void clusterJsonIsTheGatewaysAnswer() {
    gateway.answer("GET /api/cluster", new Response(200, TWO_REPLICAS));

    CliRun run = CliRun.of("cluster", "--json", "--gateway", gateway.url());

    assertEquals(TWO_REPLICAS, run.out().strip());
  }

  @Test
  void aGatewayFailureExitsOneWithItsMessage() {
    gateway.answer("GET /api/cluster", new Response(503, "{\"error\":\"shutting down\"}"));

    CliRun run = CliRun.of("cluster", "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("could not report the cluster (HTTP 503): shutting down"), run.err());
  }

  @Test
  void withNoGatewayRunningItSaysToStartDevnet() throws Exception {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "http://localhost:" + socket.getLocalPort();
    }

    CliRun run = CliRun.of("cluster", "--gateway", nobody);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("cannot reach the gateway at " + nobody + " — is './bftvote devnet' running?"),
        run.err());
  }
}
