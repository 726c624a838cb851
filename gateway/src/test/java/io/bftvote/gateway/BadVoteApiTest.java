package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad votes are refused with a reason, and nothing reaches bft.requests")
class BadVoteApiTest {
  private static final Ed25519.KeyPair VOTER = Ed25519.KeyPair.generate();
  private static final Ballot GOOD = Ballot.sign(VOTER, "demo", "alice", "n-1");

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static GatewayUnderTest gateway;
  static KafkaProbe broker;

  @BeforeAll
  static void startBrokerAndGateway(Vertx vertx) throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Topics.unprefixed());
    gateway = GatewayUnderTest.start(vertx, dir, kafka.bootstrapServers(), "http://localhost:1", List.of(), Map.of());
    broker = new KafkaProbe(kafka.bootstrapServers(), Topics.unprefixed());
  }

  @AfterAll
  static void stop() {
    if (broker != null) broker.close();
    if (gateway != null) gateway.close();
    if (kafka != null) kafka.close();
  }

  static Stream<Arguments> badVotes() {
    return Stream.of(
        Arguments.of("an empty body", "", "the body is empty; send the ballot as a JSON object"),
        Arguments.of("text that is not JSON", "vote for alice", "the body is not valid JSON: "),
        Arguments.of("a JSON array", "[]", "the body must be a JSON object (a ballot), got array"),
        Arguments.of("an unknown field", with("colour", "\"red\""), "unknown field \"colour\";"),
        Arguments.of("a missing field", "{\"election\":\"demo\"}", "missing field: voter"),
        Arguments.of("a number for the nonce", with("nonce", "1"), "field nonce must be a JSON string, got number"),
        Arguments.of("a badly formatted voter", with("voter", "\"me\""), "voter must be the base64url"),
        Arguments.of("an unknown election", VoteApiTest.json(Ballot.sign(VOTER, "mayor", "alice", "n-1")),
            "unknown election: mayor"),
        Arguments.of("an unknown candidate", VoteApiTest.json(Ballot.sign(VOTER, "demo", "dave", "n-1")),
            "unknown candidate dave in election demo"),
        Arguments.of("a signature over another ballot", with("candidate", "\"bob\""),
            "signature does not verify for this voter and ballot"));
  }

  @ParameterizedTest(name = "{0} is refused with 400")
  @MethodSource("badVotes")
  void badVoteIsRefusedAndNothingIsRecorded(String what, String body, String errorStart) {
    int before = broker.requestsToEnd().size();

    HttpResponse<Buffer> response = gateway.post("/api/votes", body);

    assertEquals(400, response.statusCode(), response.bodyAsString());
    String error = response.bodyAsJsonObject().getString("error");
    assertTrue(error.startsWith(errorStart), error);
    assertEquals(before, broker.requestsToEnd().size(), "nothing may reach bft.requests");
  }

  @Test
  @DisplayName("a body over 16 KiB is refused with 413 and a JSON error")
  void oversizedBodyIsRefused() {
    int before = broker.requestsToEnd().size();
    String huge = with("nonce", "\"" + "a".repeat(17 * 1024) + "\"");

    HttpResponse<Buffer> response = gateway.post("/api/votes", huge);

    assertEquals(413, response.statusCode());
    assertEquals(new JsonObject().put("error", "the body is over 16 KiB; a ballot is a few hundred bytes"),
        response.bodyAsJsonObject());
    assertEquals(before, broker.requestsToEnd().size());
  }

  @Test
  @DisplayName("a wait that is not like 5s or 500ms is refused before the ballot is sent")
  void badWaitIsRefused() {
    int before = broker.requestsToEnd().size();
    HttpResponse<Buffer> response = gateway.post("/api/votes?wait=soon", VoteApiTest.json(GOOD));
    assertEquals(400, response.statusCode());
    assertEquals("wait must be a whole number of seconds or milliseconds, like 5s or 500ms",
        response.bodyAsJsonObject().getString("error"));
    assertEquals(before, broker.requestsToEnd().size());
  }

  @Test
  @DisplayName("a valid ballot sent as text/plain is still read as JSON")
  void contentTypeIsNotRequired() {
    Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "carol", "plain");
    HttpResponse<Buffer> response = gateway.post("/api/votes", VoteApiTest.json(ballot), "text/plain");
    assertEquals(202, response.statusCode(), response.bodyAsString());
    assertEquals(ballot.requestId(), response.bodyAsJsonObject().getString("id"));
  }

  /** The good ballot's JSON with one field's raw JSON value replaced (or added). */
  private static String with(String field, String rawJsonValue) {
    Map<String, Object> fields = BallotCheckTest.fieldsOf(GOOD);
    fields.put(field, new com.fasterxml.jackson.databind.util.RawValue(rawJsonValue));
    return BallotCheckTest.json(fields);
  }
}
