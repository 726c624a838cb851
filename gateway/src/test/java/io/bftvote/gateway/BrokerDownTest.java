package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A gateway whose broker is unreachable")
class BrokerDownTest {
  @TempDir
  static Path dir;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void startGatewayWithoutBroker(Vertx vertx) throws Exception {
    gateway = GatewayUnderTest.start(vertx, dir, "localhost:" + GatewayUnderTest.closedPort(), "http://localhost:1",
        List.of(), GatewayUnderTest.IMPATIENT_KAFKA);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
  }

  @Test
  @DisplayName("answers 503 to a valid vote, and records nothing")
  void validVoteIsRefusedWith503() {
    Ballot ballot = VoteApiTest.freshBallot("alice");

    HttpResponse<Buffer> response = gateway.post("/api/votes", VoteApiTest.json(ballot));

    assertEquals(503, response.statusCode());
    assertEquals(new JsonObject().put("error", "the vote could not be handed to the broker; nothing was recorded, try again"),
        response.bodyAsJsonObject());
    String metrics = gateway.get("/metrics").bodyAsString();
    assertTrue(metrics.contains("gateway_votes_publish_failed_total 1.0"), metrics);
    assertTrue(metrics.contains("gateway_votes_pending 0.0"), "a vote the broker never took is not pending");
  }

  @Test
  @DisplayName("cannot tell whether an unknown vote id exists before reading past outcomes, and says so")
  void unknownIdIs503UntilPastRepliesAreRead() {
    HttpResponse<Buffer> response = gateway.get("/api/votes/" + "ab".repeat(32));
    assertEquals(503, response.statusCode());
    assertEquals("the gateway is still reading past outcomes from the broker; try again shortly",
        response.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("still refuses a bad vote with 400: validation needs no broker")
  void badVoteIsStill400() {
    HttpResponse<Buffer> response = gateway.post("/api/votes", "{}");
    assertEquals(400, response.statusCode());
    assertEquals("missing field: election", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("a second gateway on a port already taken fails to start and says why")
  void takenPortFailsToStart() {
    int taken = gateway.app.port();
    GatewayApp second = new GatewayApp(new GatewayConfig(taken, "localhost:1", "", dir.resolve("cluster.json"),
        dir.resolve("elections.json"), "http://localhost:1", List.of(), GatewayUnderTest.IMPATIENT_KAFKA));
    IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
    assertTrue(e.getMessage().startsWith("the gateway cannot listen on port " + taken), e.getMessage());
    second.close();
  }

  @Test
  @DisplayName("reports itself unhealthy with the reason")
  void healthIs503() {
    HttpResponse<Buffer> response = gateway.get("/health");
    assertEquals(503, response.statusCode());
    assertEquals(new JsonObject().put("status", "unavailable").put("error", "the broker has not answered yet"),
        response.bodyAsJsonObject());
  }
}
