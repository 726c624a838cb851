package io.bftvote.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's HTTP client against a real HTTP server (Vert.x, as the gateway is). Each
 * request's body says how the server should answer it: a status code, "chunked", "close" (answer
 * and close the connection) or "silent" (never answer).
 */
class PosterTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static Vertx vertx;
  private static HttpServer server;
  private static final Set<String> bodiesSeen = ConcurrentHashMap.newKeySet();
  private static final Set<String> clientAddresses = ConcurrentHashMap.newKeySet();
  private static final List<String> badRequests = new ArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(PosterTest::answer)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopServer() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void forget() {
    bodiesSeen.clear();
    clientAddresses.clear();
    synchronized (badRequests) {
      badRequests.clear();
    }
  }

  private static void answer(HttpServerRequest request) {
    clientAddresses.add(request.remoteAddress().host());
    request.body().onSuccess(buffer -> {
      String body = buffer.toString(StandardCharsets.UTF_8);
      if (!request.path().equals("/api/votes") || !"application/json".equals(request.getHeader("content-type"))
          || !bodiesSeen.add(body)) {
        synchronized (badRequests) {
          badRequests.add(request.path() + " " + request.getHeader("content-type") + " " + body);
        }
      }
      String how = body.substring(body.indexOf(':') + 1);
      switch (how) {
        case "silent" -> { }
        case "chunked" -> {
          request.response().setStatusCode(202).setChunked(true).write("{\"id\":");
          request.response().end("\"x\"}");
        }
        case "close" -> request.response().setStatusCode(202).putHeader("connection", "close").end("{}");
        default -> request.response().setStatusCode(Integer.parseInt(how)).end("{\"status\":\"pending\"}");
      }
    });
  }

  private static URI url() {
    return URI.create("http://localhost:" + server.actualPort() + "/api/votes");
  }

  private static byte[] body(int i, String how) {
    return ("n-" + i + ":" + how).getBytes(StandardCharsets.UTF_8);
  }

  private static Poster.Answer await(CompletableFuture<Poster.Answer> answer) throws Exception {
    return answer.get(30, TimeUnit.SECONDS);
  }

  @Test
  void manyRequestsOverAFewKeepAliveConnectionsAreEachDeliveredOnceAndAnswered() throws Exception {
    try (Poster poster = new Poster(url(), List.of(), 4, 10_000, LONG)) {
      List<CompletableFuture<Poster.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        answers.add(poster.post(0, body(i, i % 10 == 0 ? "429" : "202")).toCompletableFuture());
      }
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(new Poster.Answer(i % 10 == 0 ? 429 : 202, null), await(answers.get(i)), "request " + i);
      }
    }
    assertEquals(2_000, bodiesSeen.size());
    assertEquals(List.of(), badRequests, "requests the server found wrong (path, content type, or a repeat)");
  }

  @Test
  void eachSourceComesFromItsOwnLoopbackAddress() throws Exception {
    List<InetAddress> locals = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
        InetAddress.getByName("127.0.0.4"));
    try (Poster poster = new Poster(url(), locals, 1, 100, LONG)) {
      assertEquals(3, poster.sources());
      for (int i = 0; i < 6; i++) {
        assertEquals(202, await(poster.post(i, body(i, "202")).toCompletableFuture()).status());
      }
    }
    assertEquals(Set.of("127.0.0.2", "127.0.0.3", "127.0.0.4"), clientAddresses);
  }

  @Test
  void chunkedAnswersAndConnectionsTheServerClosesAreHandled() throws Exception {
    try (Poster poster = new Poster(url(), List.of(), 1, 100, LONG)) {
      for (int i = 0; i < 20; i++) {
        String how = i % 2 == 0 ? "chunked" : "close";
        assertEquals(new Poster.Answer(202, null), await(poster.post(0, body(i, how)).toCompletableFuture()), how);
      }
    }
    assertEquals(20, bodiesSeen.size());
  }

  @Test
  void aRequestTheServerNeverAnswersTimesOutAndOthersStillGetThrough() throws Exception {
    try (Poster poster = new Poster(url(), List.of(), 2, 100, Duration.ofMillis(300))) {
      CompletableFuture<Poster.Answer> silent = poster.post(0, body(0, "silent")).toCompletableFuture();
      assertEquals(new Poster.Answer(202, null), await(poster.post(0, body(1, "202")).toCompletableFuture()));
      assertEquals(new Poster.Answer(0, "http-timeout"), await(silent));
      assertEquals(new Poster.Answer(202, null), await(poster.post(0, body(2, "202")).toCompletableFuture()),
          "the timed-out connection was replaced");
    }
  }

  @Test
  void aServerThatIsDownFailsEachRequestAsConnectFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/api/votes");
    try (Poster poster = new Poster(nowhere, List.of(), 2, 100, LONG)) {
      for (int i = 0; i < 5; i++) {
        assertEquals(new Poster.Answer(0, "connect-failed"), await(poster.post(0, body(i, "202")).toCompletableFuture()));
      }
    }
  }

  @Test
  void pastTheQueueLimitARequestIsRefusedAtOnce() throws Exception {
    List<CompletableFuture<Poster.Answer>> answers = new ArrayList<>();
    try (Poster poster = new Poster(url(), List.of(), 1, 2, LONG)) {
      for (int i = 0; i < 50; i++) {
        answers.add(poster.post(0, body(i, "silent")).toCompletableFuture());
      }
      // At most one on the connection (never answered) and two queued: all the others are refused.
      for (CompletableFuture<Poster.Answer> answer : answers.subList(3, answers.size())) {
        assertEquals(new Poster.Answer(0, "client-queue-full"), await(answer));
      }
    }
  }

  @Test
  void closingFailsWhatIsStillOnItsWayAndWhatComesAfter() throws Exception {
    Poster poster = new Poster(url(), List.of(), 1, 100, LONG);
    CompletableFuture<Poster.Answer> onTheWire = poster.post(0, body(0, "silent")).toCompletableFuture();
    CompletableFuture<Poster.Answer> queued = poster.post(0, body(1, "202")).toCompletableFuture();
    awaitTrue(() -> bodiesSeen.contains("n-0:silent"), "the server has the first request");

    poster.close();

    assertEquals(new Poster.Answer(0, "closed"), await(onTheWire));
    assertEquals(new Poster.Answer(0, "closed"), await(queued));
    assertEquals(new Poster.Answer(0, "closed"), await(poster.post(0, body(2, "202")).toCompletableFuture()));
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
