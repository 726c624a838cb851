package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Shutting the gateway down while votes are on their way to the broker")
class GracefulShutdownTest {
  /** The producer holds each batch this long before sending: the votes are surely in flight at close. */
  static final Map<String, String> SLOW_BATCHES = Map.of("linger.ms", "3000", "delivery.timeout.ms", "8000");
  static final int VOTES = 20;

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static KafkaProbe broker;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Topics.unprefixed());
    broker = new KafkaProbe(kafka.bootstrapServers(), Topics.unprefixed());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
    if (kafka != null) kafka.close();
  }

  @Test
  @DisplayName("every vote in flight when close() begins is answered 202, and every one answered 202 is on bft.requests")
  void votesInFlightAreFinishedNotDropped(Vertx vertx) throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.start(vertx, dir.resolve("gateway"), kafka.bootstrapServers(),
        "http://localhost:1", List.of(), SLOW_BATCHES)) {
      List<Ballot> ballots = IntStream.range(0, VOTES)
          .mapToObj(i -> Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "shutdown-" + i)).toList();
      List<Future<HttpResponse<Buffer>>> answers = ballots.stream()
          .map(b -> gateway.postLater("/api/votes", VoteApiTest.json(b))).toList();
      Poll.until(VOTES + " votes to be on their way to the broker", () -> inFlight(gateway), n -> n == VOTES);

      gateway.app.close();

      for (Future<HttpResponse<Buffer>> answer : answers) {
        HttpResponse<Buffer> response = GatewayUnderTest.await(answer);
        assertEquals(202, response.statusCode(), response.bodyAsString());
      }
      Set<String> onTheBroker = broker.requestsToEnd().stream().map(r -> r.key()).collect(Collectors.toSet());
      assertTrue(onTheBroker.containsAll(ballots.stream().map(Ballot::voter).toList()),
          "a vote answered 202 must be on bft.requests");
      Future<String> after = gateway.postLater("/api/votes", "{}").map(r -> "answered " + r.statusCode())
          .otherwise(refused -> "refused");
      assertEquals("refused", GatewayUnderTest.await(after), "nothing listens once the gateway has stopped");
    }
  }

  private static double inFlight(GatewayUnderTest gateway) {
    return gateway.metrics().lines().filter(line -> line.startsWith("gateway_votes_in_flight "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
  }
}
