package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import io.bftvote.topics.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Voting through the gateway, against a real broker")
class VoteApiTest {
  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static GatewayUnderTest gateway;
  static KafkaProbe broker;

  @BeforeAll
  static void startBrokerAndGateway(Vertx vertx) throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Topics.unprefixed());
    gateway = GatewayUnderTest.start(vertx, dir, kafka.bootstrapServers(), "http://localhost:1",
        List.of(), Map.of());
    broker = new KafkaProbe(kafka.bootstrapServers(), Topics.unprefixed());
  }

  @AfterAll
  static void stop() {
    if (broker != null) broker.close();
    if (gateway != null) gateway.close();
    if (kafka != null) kafka.close();
  }

  @Test
  @DisplayName("a valid vote is acknowledged as pending and lands on bft.requests exactly as signed")
  void validVoteLandsOnTheRequestsTopic() {
    Ballot ballot = freshBallot("alice");
    int before = broker.requestsToEnd().size();

    HttpResponse<Buffer> response = gateway.post("/api/votes", json(ballot));

    assertEquals(202, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("id", ballot.requestId()).put("status", "pending"), response.bodyAsJsonObject());
    List<ConsumerRecord<String, byte[]>> added = since(before);
    assertEquals(1, added.size());
    assertEquals(ballot.voter(), added.get(0).key());
    assertArrayEquals(Json.write(ballot), added.get(0).value());
  }

  @Test
  @DisplayName("resubmitting the same ballot answers with the same id")
  void resubmissionKeepsTheId() {
    String body = json(freshBallot("bob"));
    String first = gateway.post("/api/votes", body).bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> again = gateway.post("/api/votes", body);
    assertEquals(202, again.statusCode());
    assertEquals(first, again.bodyAsJsonObject().getString("id"));
  }

  @Test
  @DisplayName("a vote stays pending on one reply and is accepted once f+1 replicas sign the same outcome")
  void voteBecomesAcceptedOnFPlusOneMatchingReplies() throws Exception {
    Ballot ballot = freshBallot("carol");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    assertEquals(new JsonObject().put("id", id).put("status", "pending").put("confirmations", 0), status(id));

    broker.publish(reply(0, id, Outcome.ACCEPTED, 4));
    decideAnotherVote();
    assertEquals("pending", status(id).getString("status"), "one reply may come from the faulty replica");

    broker.publish(reply(2, id, Outcome.ACCEPTED, 4));
    JsonObject accepted = Poll.until("vote " + id + " to be accepted", () -> status(id),
        s -> !"pending".equals(s.getString("status")));
    assertEquals(new JsonObject().put("id", id).put("status", "accepted").put("height", 4).put("confirmations", 2),
        accepted);
  }

  @Test
  @DisplayName("a rejected outcome carries its reason and height, and replies after f+1 confirm it")
  void rejectedOutcomeCarriesItsReason() throws Exception {
    Ballot ballot = freshBallot("alice");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    broker.publish(reply(1, id, Outcome.ALREADY_VOTED, 9), reply(3, id, Outcome.ALREADY_VOTED, 9),
        reply(0, id, Outcome.ALREADY_VOTED, 9));
    decideAnotherVote(); // one partition: the three replies were read before the sentinel's

    assertEquals(new JsonObject().put("id", id).put("status", "rejected").put("reason", "already-voted")
        .put("height", 9).put("confirmations", 3), status(id));
  }

  @Test
  @DisplayName("forged replies (signed with the wrong key) never finalize a vote, and are counted")
  void forgedRepliesNeverFinalize() throws Exception {
    Ballot ballot = freshBallot("bob");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    Ed25519.KeyPair forger = Ed25519.KeyPair.generate();
    broker.publish(Reply.of(id, Outcome.ACCEPTED, 4, 0).signedBy(forger),
        Reply.of(id, Outcome.ACCEPTED, 4, 1).signedBy(gateway.replicas.keys.get(2)),
        Reply.of(id, Outcome.ACCEPTED, 4, 3));
    broker.publishRaw(id, "not json".getBytes(StandardCharsets.UTF_8));

    decideAnotherVote(); // the replies topic has one partition: the forgeries were read before it

    assertEquals("pending", status(id).getString("status"));
    String metrics = gateway.get("/metrics").bodyAsString();
    assertTrue(metrics.contains("gateway_replies_invalid_total{reason=\"bad-signature\"}"), metrics);
    assertTrue(metrics.contains("gateway_replies_invalid_total{reason=\"unreadable\"}"), metrics);
  }

  @Test
  @DisplayName("POST ?wait=10s answers 200 with the outcome as soon as f+1 replies arrive")
  void waitingPostAnswersWhenTheOutcomeIsFinal() throws Exception {
    Ballot ballot = freshBallot("carol");
    String id = ballot.requestId();
    int before = broker.requestsToEnd().size();
    Future<HttpResponse<Buffer>> answer = gateway.postLater("/api/votes?wait=10s", json(ballot));
    Poll.until("the ballot to reach bft.requests", () -> since(before).size(), n -> n == 1);

    broker.publish(reply(1, id, Outcome.ACCEPTED, 11), reply(2, id, Outcome.ACCEPTED, 11));

    HttpResponse<Buffer> response = GatewayUnderTest.await(answer);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("id", id).put("status", "accepted").put("height", 11).put("confirmations", 2),
        response.bodyAsJsonObject());
  }

  @Test
  @DisplayName("POST ?wait=300ms answers 202 pending when no outcome arrives in time")
  void waitingPostTimesOutAsPending() {
    Ballot ballot = freshBallot("alice");
    HttpResponse<Buffer> response = gateway.post("/api/votes?wait=300ms", json(ballot));
    assertEquals(202, response.statusCode());
    assertEquals(new JsonObject().put("id", ballot.requestId()).put("status", "pending"), response.bodyAsJsonObject());
  }

  @Test
  @DisplayName("resubmitting a ballot whose outcome is final answers that outcome without sending it again")
  void resubmittingADecidedBallotAnswersFromTheBook() throws Exception {
    Ballot ballot = freshBallot("bob");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    broker.publish(reply(0, id, Outcome.ACCEPTED, 12), reply(1, id, Outcome.ACCEPTED, 12));
    Poll.until("vote " + id + " to be accepted", () -> status(id), s -> "accepted".equals(s.getString("status")));
    int before = broker.requestsToEnd().size();

    HttpResponse<Buffer> again = gateway.post("/api/votes?wait=1s", json(ballot));

    assertEquals(200, again.statusCode());
    assertEquals("accepted", again.bodyAsJsonObject().getString("status"));
    assertEquals(0, since(before).size());
  }

  @Test
  @DisplayName("a gateway started later reads past replies and knows outcomes decided before it ran")
  void restartedGatewayKnowsPastOutcomes(Vertx vertx) throws Exception {
    Ballot ballot = freshBallot("carol");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    broker.publish(reply(2, id, Outcome.ACCEPTED, 13), reply(3, id, Outcome.ACCEPTED, 13));
    Poll.until("vote " + id + " to be accepted", () -> status(id), s -> "accepted".equals(s.getString("status")));

    try (GatewayUnderTest later = GatewayUnderTest.start(vertx, dir.resolve("later"), kafka.bootstrapServers(),
        "http://localhost:1", List.of(), Map.of(), gateway.replicas)) {
      HttpResponse<Buffer> known = Poll.until("the new gateway to learn vote " + id,
          () -> later.get("/api/votes/" + id), r -> r.statusCode() == 200);
      assertEquals("accepted", known.bodyAsJsonObject().getString("status"));
      assertEquals(2, known.bodyAsJsonObject().getInteger("confirmations"));
    }
  }

  @Test
  @DisplayName("an id never posted nor seen in replies is 404; a malformed id is 400")
  void unknownAndMalformedIds() {
    HttpResponse<Buffer> unknown = Poll.until("past replies to be read", () -> gateway.get("/api/votes/" + "ab".repeat(32)),
        r -> r.statusCode() != 503);
    assertEquals(404, unknown.statusCode());
    assertEquals("no vote with id " + "ab".repeat(32), unknown.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> malformed = gateway.get("/api/votes/not-an-id");
    assertEquals(400, malformed.statusCode());
    assertTrue(malformed.bodyAsJsonObject().getString("error").startsWith("a vote id is 64 lowercase hex"));
  }

  @Test
  @DisplayName("health is ok while the broker answers, and metrics count what happened")
  void healthAndMetrics() {
    HttpResponse<Buffer> health = Poll.until("health to be ok", () -> gateway.get("/health"), r -> r.statusCode() == 200);
    assertEquals(new JsonObject().put("status", "ok"), health.bodyAsJsonObject());
    gateway.post("/api/votes", "{}");
    String metrics = gateway.get("/metrics").bodyAsString();
    assertTrue(metrics.contains("gateway_votes_received_total"), metrics);
    assertTrue(metrics.contains("gateway_votes_rejected_total{reason=\"missing-field\"}"), metrics);
    assertTrue(metrics.contains("gateway_votes_pending"), metrics);
    assertTrue(metrics.contains("gateway_votes_admission_limit 10000.0"), "the floor: a few test votes are no rate");
  }

  @Test
  @DisplayName("a vote posted here is timed from ack to final outcome, counts towards the rate outcomes come at, and the"
      + " Kafka clients report their own metrics")
  void timeToFinalAndKafkaClientMetrics() throws Exception {
    Ballot ballot = freshBallot("alice");
    String id = ballot.requestId();
    gateway.post("/api/votes", json(ballot));
    broker.publish(reply(0, id, Outcome.ACCEPTED, 14), reply(1, id, Outcome.ACCEPTED, 14));
    Poll.until("vote " + id + " to be accepted", () -> status(id), s -> "accepted".equals(s.getString("status")));

    String metrics = gateway.metrics();
    assertTrue(metrics.contains("gateway_votes_time_to_final_seconds_bucket{le="), "a histogram, for percentiles");
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_votes_time_to_final_seconds_count ") && !l.endsWith(" 0")),
        metrics);
    assertTrue(metrics.contains("kafka_producer_record_send_total{client_id=\"bftvote-gateway\""), "the producer's metrics");
    assertTrue(metrics.contains("client_id=\"bftvote-gateway-replies\""), "the replies consumer's metrics");
    Poll.until("the second of the outcome to be whole and counted", () -> finalRate(gateway.metrics()), rate -> rate > 0);
  }

  private static double finalRate(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("gateway_votes_final_rate ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).orElse(0.0);
  }

  /** Decides a fresh vote and waits for it: proof that every earlier reply has been read. */
  private void decideAnotherVote() throws Exception {
    String sentinel = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "sentinel").requestId();
    broker.publish(reply(0, sentinel, Outcome.ACCEPTED, 1), reply(1, sentinel, Outcome.ACCEPTED, 1));
    Poll.until("sentinel vote to be decided", () -> gateway.get("/api/votes/" + sentinel).statusCode(), c -> c == 200);
  }

  private static Reply reply(int replica, String id, Outcome outcome, long height) {
    return gateway.replicas.reply(replica, id, outcome, height);
  }

  private static JsonObject status(String id) {
    HttpResponse<Buffer> response = gateway.get("/api/votes/" + id);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<ConsumerRecord<String, byte[]>> since(int before) {
    List<ConsumerRecord<String, byte[]>> all = broker.requestsToEnd();
    return all.subList(before, all.size());
  }

  static Ballot freshBallot(String candidate) {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidate, "n-1");
  }

  static String json(Ballot ballot) {
    return new String(Json.write(ballot), StandardCharsets.UTF_8);
  }
}
