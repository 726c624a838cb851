package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The read-only routes, against a stand-in tally app and stand-in replica admin ports. */
@ExtendWith(VertxExtension.class)
@DisplayName("Elections, tallies and cluster status through the gateway")
class InfoRoutesTest {
  static final JsonObject TALLY = new JsonObject().put("election", "demo")
      .put("counts", new JsonObject().put("alice", 2).put("bob", 0).put("carol", 1)).put("height", 3);
  static final JsonObject REPLICA_0 = new JsonObject().put("id", 0).put("view", 0).put("primary", 0)
      .put("height", 3).put("stableCheckpoint", 0).put("head", "ab".repeat(32));

  @TempDir
  static Path dir;
  static HttpServer standIns;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.get("/tallies/demo").handler(ctx -> ctx.json(TALLY));
    router.get("/r0/status").handler(ctx -> ctx.json(REPLICA_0));
    router.get("/r2/status").handler(ctx -> ctx.response().setStatusCode(500).end("boom"));
    standIns = GatewayUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    String base = "http://localhost:" + standIns.actualPort();
    gateway = GatewayUnderTest.start(vertx, dir, "localhost:" + GatewayUnderTest.closedPort(), base,
        List.of(base + "/r0", "http://localhost:" + GatewayUnderTest.closedPort(), base + "/r2"),
        GatewayUnderTest.IMPATIENT_KAFKA);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
  }

  @Test
  @DisplayName("answers in HTTP/1.1 a JDK client that offers an h2c upgrade, as it does by default")
  void refusesTheH2cUpgrade() throws Exception {
    java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + gateway.app.port() + "/health"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, health.version());
  }

  @Test
  @DisplayName("lists the election definitions from the elections file")
  void listsElections() {
    JsonObject demo = new JsonObject().put("id", "demo").put("candidates", new JsonArray(List.of("alice", "bob", "carol")))
        .put("eligibility", "open");
    assertEquals(new JsonObject().put("elections", new JsonArray().add(demo)), gateway.get("/api/elections").bodyAsJsonObject());
  }

  @Test
  @DisplayName("relays the tally app's answer for a known election")
  void relaysTheTally() {
    HttpResponse<Buffer> response = gateway.get("/api/tallies/demo");
    assertEquals(200, response.statusCode());
    assertEquals(TALLY, response.bodyAsJsonObject());
  }

  @Test
  @DisplayName("answers 404 itself for an election that is not defined")
  void unknownElectionIs404() {
    HttpResponse<Buffer> response = gateway.get("/api/tallies/mayor");
    assertEquals(404, response.statusCode());
    assertEquals("no election named mayor; GET /api/elections lists them", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("answers 503 with a clear error when the tally app is down")
  void tallyDownIs503(Vertx vertx) throws Exception {
    try (GatewayUnderTest orphan = GatewayUnderTest.start(vertx, dir.resolve("orphan"),
        "localhost:" + GatewayUnderTest.closedPort(), "http://localhost:" + GatewayUnderTest.closedPort(), List.of(),
        GatewayUnderTest.IMPATIENT_KAFKA)) {
      HttpResponse<Buffer> response = orphan.get("/api/tallies/demo");
      assertEquals(503, response.statusCode());
      assertEquals("the tally service cannot be reached; try again shortly", response.bodyAsJsonObject().getString("error"));
    }
  }

  @Test
  @DisplayName("shows each replica's status, and the ones that do not answer as unreachable")
  void clusterStatus() {
    JsonArray replicas = gateway.get("/api/cluster").bodyAsJsonObject().getJsonArray("replicas");
    assertEquals(new JsonArray()
        .add(REPLICA_0.copy().put("reachable", true))
        .add(new JsonObject().put("id", 1).put("reachable", false))
        .add(new JsonObject().put("id", 2).put("reachable", false)), replicas);
  }

  @Test
  @DisplayName("answers unknown paths and methods with JSON errors")
  void unknownRoutesAnswerJson(Vertx vertx) {
    HttpResponse<Buffer> missing = gateway.get("/api/nothing");
    assertEquals(404, missing.statusCode());
    assertEquals("no such endpoint: GET /api/nothing", missing.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> wrongMethod = GatewayUnderTest.await(
        WebClient.create(vertx).delete(gateway.app.port(), "localhost", "/api/votes").send());
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("DELETE is not allowed on /api/votes", wrongMethod.bodyAsJsonObject().getString("error"));
  }
}
