package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Live streams from a real broker: detections, blocks, outcomes and the cluster")
class LiveStreamsTest {
  static final Topics TOPICS = Topics.unprefixed();

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static HttpServer replicaStandIns;
  static GatewayUnderTest gateway;
  static KafkaProbe broker;
  static OpenApiDoc doc;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(TOPICS);
    Router router = Router.router(vertx);
    for (int id = 0; id < 4; id++) {
      JsonObject status = new JsonObject().put("id", id).put("view", 0).put("primary", 0).put("height", 5 - id / 3)
          .put("stableCheckpoint", 0).put("head", "ab".repeat(32));
      router.get("/r" + id + "/status").handler(ctx -> ctx.json(status));
    }
    replicaStandIns = GatewayUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    String base = "http://localhost:" + replicaStandIns.actualPort();
    gateway = GatewayUnderTest.start(vertx, dir, kafka.bootstrapServers(), "http://localhost:1",
        IntStream.range(0, 4).mapToObj(id -> base + "/r" + id).toList(), Map.of());
    broker = new KafkaProbe(kafka.bootstrapServers(), TOPICS);
    doc = new OpenApiDoc(gateway.get("/api/openapi.yaml").bodyAsString());
  }

  @AfterAll
  static void stop() {
    if (broker != null) broker.close();
    if (gateway != null) gateway.close();
    if (kafka != null) kafka.close();
  }

  @Test
  @DisplayName("a detection published on bft.detections reaches the stream; a forged one never does")
  void aProvenDetectionIsStreamedAndAForgedOneIsNot(Vertx vertx) throws Exception {
    try (SseClient stream = gateway.stream(vertx, "/api/detections/stream")) {
      assertEquals(200, stream.status());
      assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
      Detection forged = gateway.replicas.forgedEquivocation(2, 0, 7, Phase.PREPARE);
      Detection proof = gateway.replicas.equivocation(3, 0, 7, Phase.PREPARE);

      broker.publishTo(TOPICS.detections(), "2", Json.write(forged));
      broker.publishTo(TOPICS.detections(), "3", Json.write(proof));

      SseClient.Event streamed = stream.await("detection", d -> d.getInteger("accused") == 3 && d.getLong("sequence") == 7);
      assertEquals(new JsonObject(Json.writeString(proof)), streamed.data(), "passed on complete, evidence and all");
      assertNull(stream.find("detection", d -> d.getInteger("accused") == 2),
          "the topic has one partition, so the forgery was read, and refused, before the proof");
      assertConformsTo("/api/detections/stream", streamed);
      assertTrue(gateway.metrics().contains("gateway_detections_invalid_total{reason=\"unproven\"}"));
    }
  }

  @Test
  @DisplayName("the dashboard stream carries each certified height once, and no uncertified block")
  void certifiedBlocksAreStreamedOncePerHeight(Vertx vertx) throws Exception {
    try (SseClient stream = gateway.stream(vertx, "/api/events")) {
      CertifiedBlock first = certified(101);
      for (int replica = 0; replica < 4; replica++) {
        publish(first); // every replica publishes the block it committed
      }
      CertifiedBlock second = certified(102);
      publish(new CertifiedBlock(second.block(), second.certificate().subList(0, 1)));
      publish(certified(103));

      stream.await("block", b -> b.getLong("height") == 103);

      List<Long> heights = stream.named("block").stream().map(e -> e.data().getLong("height"))
          .filter(h -> h > 100 && h < 200).toList();
      assertEquals(List.of(101L, 103L), heights);
      assertEquals(new JsonObject().put("height", 101).put("hash", first.block().hash()).put("ballots", 1),
          stream.find("block", b -> b.getLong("height") == 101).data());
      assertConformsTo("/api/events", stream.named("block").get(0));
    }
  }

  @Test
  @DisplayName("a dashboard that connects later first gets the latest blocks, so its list is not empty")
  void aLateClientGetsTheLatestBlocks(Vertx vertx) throws Exception {
    try (SseClient early = gateway.stream(vertx, "/api/events")) {
      publish(certified(201));
      early.await("block", b -> b.getLong("height") == 201);
    }
    try (SseClient late = gateway.stream(vertx, "/api/events")) {
      late.await("block", b -> b.getLong("height") == 201);
    }
  }

  @Test
  @DisplayName("a vote event announces an outcome as soon as f+1 replicas sent matching signed replies")
  void aFinalOutcomeIsAnnounced(Vertx vertx) throws Exception {
    Poll.until("past replies to be read", () -> gateway.get("/api/votes/" + "cd".repeat(32)).statusCode(), s -> s == 404);
    try (SseClient stream = gateway.stream(vertx, "/api/events")) {
      String id = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "live").requestId();
      broker.publish(gateway.replicas.reply(0, id, Outcome.ACCEPTED, 8), gateway.replicas.reply(3, id, Outcome.ACCEPTED, 8));

      SseClient.Event vote = stream.await("vote", v -> v.getString("id").equals(id));
      assertEquals(new JsonObject().put("id", id).put("status", "accepted").put("height", 8).put("confirmations", 2),
          vote.data());
      assertConformsTo("/api/events", vote);
    }
  }

  @Test
  @DisplayName("cluster snapshots arrive about once a second while someone listens")
  void clusterSnapshotsArriveWhileSomeoneListens(Vertx vertx) {
    try (SseClient stream = gateway.stream(vertx, "/api/events")) {
      SseClient.Event first = stream.await("cluster", c -> c.getJsonArray("replicas").size() == 4);
      assertEquals(5, first.data().getJsonArray("replicas").getJsonObject(0).getInteger("height"));
      assertEquals(true, first.data().getJsonArray("replicas").getJsonObject(3).getBoolean("reachable"));
      assertConformsTo("/api/events", first);
      Poll.until("a second snapshot", () -> stream.named("cluster").size(), n -> n >= 2);
    }
  }

  private void assertConformsTo(String path, SseClient.Event event) {
    JsonNode data = Json.read(event.data().toBuffer().getBytes(), JsonNode.class);
    List<String> problems = doc.problems(doc.eventSchema(path, event.name()), data);
    assertTrue(problems.isEmpty(), "the '" + event.name() + "' event breaks the OpenAPI document: " + problems);
  }

  private static CertifiedBlock certified(long height) {
    return gateway.replicas.certifiedBlock(height, List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "carol", "b")));
  }

  private static void publish(CertifiedBlock block) throws Exception {
    broker.publishTo(TOPICS.blocks(), String.valueOf(block.block().height()), Json.write(block));
  }
}
