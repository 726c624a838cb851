package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code healthcheck URL}: what a container's HEALTHCHECK runs, so its exit code is the verdict. */
class HealthcheckCommandTest {
  private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    releaseSlowAnswers.countDown();
    if (server != null) {
      server.stop(0);
    }
    handlers.shutdownNow();
  }

  @Test
  void aComponentAnswering200IsHealthy() throws IOException {
    String url = serve(200, "{\"status\":\"up\"}");

    CliRun run = CliRun.of("healthcheck", url);

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("healthy: " + url + " answered 200"), run.out());
  }

  @Test
  void aComponentAnswering503IsUnhealthyAndItsReasonIsShown() throws IOException {
    String url = serve(503, "{\"status\":\"down\",\n \"streams\":\"REBALANCING\"}");

    CliRun run = CliRun.of("healthcheck", url);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("unhealthy: " + url + " answered 503 {\"status\":\"down\", \"streams\":\"REBALANCING\"}"),
        run.err());
  }

  @Test
  void nothingListeningIsUnhealthy() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/health";

    CliRun run = CliRun.of("healthcheck", url);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("nothing answers at " + url), run.err());
  }

  @Test
  void aComponentThatDoesNotAnswerInTimeIsUnhealthy() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext("/", exchange -> {
      try {
        releaseSlowAnswers.await(30, TimeUnit.SECONDS); // a stuck component: holds the request open
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.setExecutor(handlers); // the stuck handler must not block the server's dispatcher
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";

    CliRun run = CliRun.of("healthcheck", "--timeout", "1", url);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("did not answer within 1 s"), run.err());
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageError() {
    CliRun run = CliRun.of("healthcheck", "not a url");

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("not an http URL"), run.err());
  }

  private String serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext("/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }
}
