package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the OpenAPI document against the gateway: for every documented (method, path, status) a
 * real request produces that status, with the documented media type, headers and the required
 * properties of the documented schema; and every route the gateway serves is documented.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The OpenAPI document agrees with what the gateway really answers")
class OpenApiContractTest {
  /** An HTTP answer, whatever client got it. */
  record Answer(int status, String contentType, String body, Map<String, String> headers) {
    static Answer of(HttpResponse<Buffer> r) {
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
      return new Answer(r.statusCode(), r.getHeader("Content-Type"), r.bodyAsString(), headers);
    }
  }

  @TempDir
  static Path dir;
  static Vertx vertx;
  static EmbeddedKafka kafka;
  static KafkaProbe broker;
  static HttpServer standIns;
  /** Broker up; tally and a replica answering. */
  static GatewayUnderTest live;
  /** No broker; one vote per 100 s and one live stream. */
  static GatewayUnderTest strict;
  /** No broker; its tally fails or hangs up, as {@link #orphanTally} says. */
  static GatewayUnderTest orphan;
  static final AtomicReference<String> orphanTally = new AtomicReference<>("fail");
  static SseClient heldStream;
  static OpenApiDoc doc;

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Topics.unprefixed());
    broker = new KafkaProbe(kafka.bootstrapServers(), Topics.unprefixed());
    TestCluster replicas = new TestCluster();
    Router router = Router.router(vertx);
    router.get("/ok/tallies/demo").handler(ctx -> ctx.json(InfoRoutesTest.TALLY));
    router.get("/ok/detections").handler(ctx -> ctx.json(new JsonArray().add(
        new JsonObject(Json.writeString(replicas.equivocation(3, 0, 9, Phase.COMMIT))))));
    router.get("/r0/status").handler(ctx -> ctx.json(InfoRoutesTest.REPLICA_0));
    router.get("/orphan/*").handler(ctx -> {
      if (orphanTally.get().equals("fail")) ctx.response().setStatusCode(500).end("boom");
      else ctx.request().connection().close();
    });
    standIns = GatewayUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    String base = "http://localhost:" + standIns.actualPort();
    String noBroker = "localhost:" + GatewayUnderTest.closedPort();
    live = GatewayUnderTest.start(vertx, dir.resolve("live"), kafka.bootstrapServers(), base + "/ok",
        List.of(base + "/r0", "http://localhost:" + GatewayUnderTest.closedPort()), Map.of(), replicas);
    strict = GatewayUnderTest.start(vertx, dir.resolve("strict"), noBroker, base + "/ok", List.of(),
        GatewayUnderTest.IMPATIENT_KAFKA, new TestCluster(), new ApiLimits(0.01, 1, 1));
    orphan = GatewayUnderTest.start(vertx, dir.resolve("orphan"), noBroker, base + "/orphan", List.of(),
        GatewayUnderTest.IMPATIENT_KAFKA);
    doc = new OpenApiDoc(live.get("/api/openapi.yaml").bodyAsString());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {heldStream, broker, live, strict, orphan}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // the next one still gets closed
      }
    }
    if (kafka != null) kafka.close();
  }

  /** A request that produces each documented answer, by "METHOD path status". */
  static Map<String, Supplier<Answer>> probes() {
    Map<String, Supplier<Answer>> p = new LinkedHashMap<>();
    p.put("POST /api/votes 200", OpenApiContractTest::resubmitDecidedVoteWithWait);
    p.put("POST /api/votes 202", () -> Answer.of(live.post("/api/votes", VoteApiTest.json(fresh()))));
    p.put("POST /api/votes 400", () -> Answer.of(live.post("/api/votes", "{}")));
    p.put("POST /api/votes 413", () -> Answer.of(live.post("/api/votes", "{\"nonce\":\"" + "a".repeat(17 * 1024) + "\"}")));
    p.put("POST /api/votes 429", OpenApiContractTest::postUntilRateLimited);
    p.put("POST /api/votes 503", () -> Answer.of(orphan.post("/api/votes", VoteApiTest.json(fresh()))));
    p.put("GET /api/votes/{id} 200", () -> {
      Ballot ballot = fresh();
      live.post("/api/votes", VoteApiTest.json(ballot));
      return Answer.of(live.get("/api/votes/" + ballot.requestId()));
    });
    p.put("GET /api/votes/{id} 400", () -> Answer.of(live.get("/api/votes/not-an-id")));
    p.put("GET /api/votes/{id} 404", () -> Answer.of(Poll.until("past replies to be read",
        () -> live.get("/api/votes/" + "ef".repeat(32)), r -> r.statusCode() != 503)));
    p.put("GET /api/votes/{id} 503", () -> Answer.of(orphan.get("/api/votes/" + "ef".repeat(32))));
    p.put("GET /api/elections 200", () -> Answer.of(live.get("/api/elections")));
    p.put("GET /api/tallies/{election} 200", () -> Answer.of(live.get("/api/tallies/demo")));
    p.put("GET /api/tallies/{election} 404", () -> Answer.of(live.get("/api/tallies/mayor")));
    p.put("GET /api/tallies/{election} 502", () -> fromOrphanTally("fail", "/api/tallies/demo"));
    p.put("GET /api/tallies/{election} 503", () -> fromOrphanTally("hangup", "/api/tallies/demo"));
    p.put("GET /api/detections 200", () -> Answer.of(live.get("/api/detections")));
    p.put("GET /api/detections 502", () -> fromOrphanTally("fail", "/api/detections"));
    p.put("GET /api/detections 503", () -> fromOrphanTally("hangup", "/api/detections"));
    p.put("GET /api/detections/stream 200", () -> openStream(live, "/api/detections/stream"));
    p.put("GET /api/detections/stream 503", () -> openStreamPastTheLimit("/api/detections/stream"));
    p.put("GET /api/events 200", () -> openStream(live, "/api/events"));
    p.put("GET /api/events 503", () -> openStreamPastTheLimit("/api/events"));
    p.put("GET /api/cluster 200", () -> Answer.of(live.get("/api/cluster")));
    p.put("GET /api/openapi.yaml 200", () -> Answer.of(live.get("/api/openapi.yaml")));
    p.put("GET /health 200", () -> Answer.of(Poll.until("health", () -> live.get("/health"), r -> r.statusCode() == 200)));
    p.put("GET /health 503", () -> Answer.of(orphan.get("/health")));
    p.put("GET /metrics 200", () -> Answer.of(live.get("/metrics")));
    p.put("GET / 200", () -> Answer.of(live.get("/")));
    p.put("GET /assets/{file} 200", () -> Answer.of(live.get("/assets/app.js")));
    p.put("GET /assets/{file} 404", () -> Answer.of(live.get("/assets/missing.js")));
    return p;
  }

  @TestFactory
  @DisplayName("every documented answer")
  Stream<DynamicTest> everyDocumentedAnswerIsWhatARealRequestGets() {
    Map<String, Supplier<Answer>> probes = probes();
    return doc.responses().stream().map(documented -> dynamicTest(documented.key(), () -> {
      Supplier<Answer> probe = probes.get(documented.key());
      assertNotNull(probe, "no request in this test produces " + documented.key() + "; add one, or drop it from the document");
      Answer answer = probe.get();
      assertEquals(documented.status(), answer.status(), answer.body());
      assertTrue(answer.contentType().startsWith(documented.mediaType()),
          "documented as " + documented.mediaType() + ", served as " + answer.contentType());
      for (String header : documented.headers()) {
        assertNotNull(answer.headers().get(header.toLowerCase(java.util.Locale.ROOT)), "documented header " + header + " is missing");
      }
      if (documented.mediaType().equals("application/json")) {
        List<String> problems = doc.problems(documented.schema(), Json.read(answer.body().getBytes(), JsonNode.class));
        assertTrue(problems.isEmpty(), documented.key() + " breaks its schema: " + problems + " in " + answer.body());
      }
    }));
  }

  @Test
  @DisplayName("no answer probed here is missing from the document")
  void everyProbedAnswerIsDocumented() {
    List<String> documented = doc.responses().stream().map(OpenApiDoc.Documented::key).toList();
    assertTrue(documented.containsAll(probes().keySet()), "undocumented: "
        + probes().keySet().stream().filter(k -> !documented.contains(k)).toList());
  }

  @Test
  @DisplayName("every route the gateway serves is in the document")
  void everyServedRouteIsDocumented() {
    List<String> operations = doc.operations();
    for (String route : live.app.routes()) {
      String asOpenApi = route.replaceAll(":(\\w+)", "{$1}");
      boolean documented = asOpenApi.endsWith("/") && !asOpenApi.endsWith(" /")
          ? operations.stream().anyMatch(op -> op.startsWith(asOpenApi + "{")) // a prefix mount: /assets/{file}
          : operations.contains(asOpenApi);
      assertTrue(documented, route + " is served but not in the OpenAPI document");
    }
  }

  private static Answer resubmitDecidedVoteWithWait() {
    Ballot ballot = fresh();
    String id = ballot.requestId();
    assertEquals(202, live.post("/api/votes", VoteApiTest.json(ballot)).statusCode());
    try {
      broker.publish(live.replicas.reply(0, id, Outcome.ACCEPTED, 3), live.replicas.reply(1, id, Outcome.ACCEPTED, 3));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Poll.until("the vote to be final", () -> live.get("/api/votes/" + id).bodyAsJsonObject().getString("status"),
        "accepted"::equals);
    return Answer.of(live.post("/api/votes?wait=1s", VoteApiTest.json(ballot)));
  }

  private static Answer postUntilRateLimited() {
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 3 && (last == null || last.statusCode() != 429); i++) {
      last = strict.post("/api/votes", "{}");
    }
    return Answer.of(last);
  }

  private static Answer fromOrphanTally(String behaviour, String path) {
    orphanTally.set(behaviour);
    return Answer.of(orphan.get(path));
  }

  private static Answer openStream(GatewayUnderTest gateway, String path) {
    try (SseClient stream = gateway.stream(vertx, path)) {
      return new Answer(stream.status(), stream.contentType(), "", Map.of());
    }
  }

  /**
   * strict serves one stream: hold it open, and the next is refused. The refusal is read as a
   * plain request, whole: a stream client may attach its handlers after so short an answer has
   * already ended, and then sees its status but not its body.
   */
  private static Answer openStreamPastTheLimit(String path) {
    if (heldStream == null) {
      heldStream = strict.stream(vertx, "/api/events");
      assertEquals(200, heldStream.status());
    }
    return Answer.of(strict.get(path));
  }

  private static Ballot fresh() {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "contract");
  }
}
