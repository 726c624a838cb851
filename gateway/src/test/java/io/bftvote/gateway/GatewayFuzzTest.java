package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thousands of bad requests, drawn from a seeded generator ({@link MalformedVotes}); replay a
 * failure with {@code -Dfuzz.seed=N}. The gateway's rate limit is set far above what the test
 * sends, so every request is judged by validation, not by the limiter.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The gateway under a flood of malformed, oversized and forged votes")
class GatewayFuzzTest {
  private static final Logger log = LoggerFactory.getLogger(GatewayFuzzTest.class);
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_121L);
  private static final int REQUESTS = 5_040; // 210 rounds of IN_FLIGHT
  /** Requests in flight at once: enough to overlap, few enough for a shared two-core machine. */
  private static final int IN_FLIGHT = 24;
  private static final ApiLimits UNLIMITED = new ApiLimits(1_000_000, 1_000_000, 10);

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static GatewayUnderTest gateway;
  static KafkaProbe broker;
  static WebClient http;

  @BeforeAll
  static void startBrokerAndGateway(Vertx vertx) throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Topics.unprefixed());
    gateway = GatewayUnderTest.start(vertx, dir.resolve("fuzzed"), kafka.bootstrapServers(), "http://localhost:1",
        List.of(), Map.of(), new TestCluster(), UNLIMITED);
    broker = new KafkaProbe(kafka.bootstrapServers(), Topics.unprefixed());
    http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
  }

  @AfterAll
  static void stop() {
    if (http != null) http.close();
    if (broker != null) broker.close();
    if (gateway != null) gateway.close();
    if (kafka != null) kafka.close();
  }

  @Test
  @DisplayName("refuses every bad request with a 4xx and a reason, stays up, sends nothing to Kafka, then takes a good vote")
  void refusesEveryBadRequestAndStillTakesAGoodVote() throws Exception {
    Poll.until("the gateway to read past outcomes", () -> gateway.get("/api/votes/" + "ab".repeat(32)).statusCode(),
        status -> status == 404); // until then a well-formed unknown id is 503, which is right but not a 4xx
    int before = broker.requestsToEnd().size();
    MalformedVotes generator = new MalformedVotes(SEED);
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    Map<String, Integer> statuses = new TreeMap<>();

    for (int sent = 0; sent < REQUESTS; sent += IN_FLIGHT) {
      List<MalformedVotes.BadRequest> batch = IntStream.range(0, IN_FLIGHT).mapToObj(i -> generator.next()).toList();
      List<Future<HttpResponse<Buffer>>> answers = batch.stream().map(GatewayFuzzTest::send).toList();
      Future.join(new ArrayList<>(answers)).await(60, TimeUnit.SECONDS);
      for (int i = 0; i < batch.size(); i++) {
        String problem = problemWith(answers.get(i));
        if (problem != null) {
          wrong.add(problem + " <- " + batch.get(i));
        }
        statuses.merge(batch.get(i).kind() + " -> " + statusOf(answers.get(i)), 1, Integer::sum);
      }
    }

    log.info("fuzzed with seed {}: {}", SEED, statuses);
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + REQUESTS + " requests (seed " + SEED + ") were not refused"
        + " properly, for example:\n" + String.join("\n", wrong.stream().limit(20).toList()));
    assertEquals(200, gateway.get("/health").statusCode(), "the gateway is still up and healthy");
    assertEquals(before, broker.requestsToEnd().size(), "no malformed vote reached bft.requests");

    Ballot good = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "after-the-flood");
    HttpResponse<Buffer> accepted = gateway.post("/api/votes", VoteApiTest.json(good));
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    List<ConsumerRecord<String, byte[]>> after = broker.requestsToEnd();
    assertEquals(before + 1, after.size());
    assertArrayEquals(Json.write(good), after.get(after.size() - 1).value());
  }

  @Test
  @DisplayName("a concurrent burst of good votes gets exactly its burst through; the rest are 429 with Retry-After")
  void concurrentBurstIsCutAtTheBurstSize(Vertx vertx) throws Exception {
    ApiLimits tight = new ApiLimits(0.01, 5, 10);
    try (GatewayUnderTest limited = GatewayUnderTest.start(vertx, dir.resolve("limited"), kafka.bootstrapServers(),
        "http://localhost:1", List.of(), Map.of(), new TestCluster(), tight)) {
      int before = broker.requestsToEnd().size();
      List<Future<HttpResponse<Buffer>>> answers = IntStream.range(0, 30)
          .mapToObj(i -> Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "burst-" + i))
          .map(ballot -> http.post(limited.app.port(), "localhost", "/api/votes").sendBuffer(Buffer.buffer(Json.write(ballot))))
          .toList();
      Future.join(new ArrayList<>(answers)).await(30, TimeUnit.SECONDS);

      List<HttpResponse<Buffer>> responses = answers.stream().map(Future::result).toList();
      assertEquals(tight.voteBurst(), responses.stream().filter(r -> r.statusCode() == 202).count());
      List<HttpResponse<Buffer>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
      assertEquals(30 - tight.voteBurst(), refused.size());
      refused.forEach(r -> assertEquals("100", r.getHeader("Retry-After")));
      assertEquals(before + tight.voteBurst(), broker.requestsToEnd().size(), "only the burst reached bft.requests");
    }
  }

  private static Future<HttpResponse<Buffer>> send(MalformedVotes.BadRequest request) {
    int port = gateway.app.port();
    if (request.body() == null) {
      return http.get(port, "localhost", request.path()).send();
    }
    return http.post(port, "localhost", request.path()).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(request.body()));
  }

  /** Why this answer is not a proper refusal, or null if it is one. */
  private static String problemWith(Future<HttpResponse<Buffer>> answer) {
    if (answer.failed()) {
      return "no answer (" + answer.cause() + ")";
    }
    HttpResponse<Buffer> response = answer.result();
    if (response.statusCode() < 400 || response.statusCode() > 499) {
      return "HTTP " + response.statusCode() + " " + response.bodyAsString();
    }
    if (!"application/json".equals(response.getHeader("Content-Type"))) {
      return "HTTP " + response.statusCode() + " without a JSON body: " + response.getHeader("Content-Type");
    }
    try {
      JsonObject body = response.bodyAsJsonObject();
      Object error = body.getValue("error");
      if (body.size() != 1 || !(error instanceof String message) || message.isBlank()) {
        return "HTTP " + response.statusCode() + " without an error message: " + body;
      }
      return null;
    } catch (RuntimeException notJson) {
      return "HTTP " + response.statusCode() + " with a body that is not JSON: " + response.bodyAsString();
    }
  }

  private static String statusOf(Future<HttpResponse<Buffer>> answer) {
    return answer.succeeded() ? String.valueOf(answer.result().statusCode()) : "no answer";
  }
}
