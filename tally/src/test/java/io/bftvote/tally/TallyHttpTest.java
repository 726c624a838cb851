package io.bftvote.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tally's HTTP API over a topology under test, served on a free port. */
class TallyHttpTest {
  @TempDir Path stateDir;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<KafkaStreams.State> streamsState = new AtomicReference<>(KafkaStreams.State.RUNNING);
  private final HttpClient client = HttpClient.newHttpClient();
  private TallyHarness tally;
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void serve() throws Exception {
    tally = new TallyHarness(stateDir, registry);
    vertx = Vertx.vertx();
    server = listen(tally.queries, tally.detections);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    tally.close();
  }

  @Test
  void tallyListsEveryCandidateWithZerosAndTheLastCountedHeight() throws Exception {
    tally.publish(tally.replicas.certify(tally.ledger.next(tally.freshVote("bob"), tally.freshVote("bob"))));

    HttpResponse<String> response = get("/tallies/demo");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("{\"election\":\"demo\",\"counts\":{\"alice\":0,\"bob\":2,\"carol\":0},\"height\":1}", response.body());
  }

  @Test
  void unknownElectionIsNotFoundWithAReason() throws Exception {
    HttpResponse<String> response = get("/tallies/mayor");

    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"unknown election: mayor\"}", response.body());
  }

  @Test
  void tallyWhileTheStoresAreNotQueryableIsUnavailable() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    server = listen(new TallyQueries(tally.elections, name -> {
      throw new InvalidStateStoreException("store " + name + " is rebalancing");
    }), tally.detections);

    HttpResponse<String> response = get("/tallies/demo");

    assertEquals(503, response.statusCode());
    assertTrue(response.body().contains("not queryable yet"), response.body());
  }

  @Test
  void detectionsAreAnEmptyListWhileNoReplicaHasLied() throws Exception {
    tally.publish(tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("a"), 3));
    tally.publish(tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("a"), 3));

    HttpResponse<String> response = get("/detections");

    assertEquals(200, response.statusCode());
    assertEquals("[]", response.body());
  }

  @Test
  void detectionsAreListedMostRecentFirstInTheDesignFormat() throws Exception {
    ConsensusMessage a = tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("a"), 3);
    ConsensusMessage b = tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("b"), 3);
    ConsensusMessage c = tally.replicas.signed(Phase.COMMIT, 0, 6, TestReplicas.digest("c"), 2);
    ConsensusMessage d = tally.replicas.signed(Phase.COMMIT, 0, 6, TestReplicas.digest("d"), 2);
    for (ConsensusMessage m : List.of(a, b, c, d)) {
      tally.publish(m); // stamped 12:00:00, :01, :02, :03
    }

    HttpResponse<String> response = get("/detections");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("[" + expected(2, 6, "commit", c, d, "2026-11-21T12:00:03Z") + ","
        + expected(3, 5, "prepare", a, b, "2026-11-21T12:00:01Z") + "]", response.body());
  }

  @Test
  void detectionsWhileTheListingIsNotQueryableIsUnavailable() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    server = listen(tally.queries, new DetectionQueries(() -> {
      throw new InvalidStateStoreException("detection-log is restoring");
    }));

    HttpResponse<String> response = get("/detections");

    assertEquals(503, response.statusCode());
    assertTrue(response.body().contains("not queryable yet"), response.body());
  }

  @Test
  void healthFollowsTheStreamsState() throws Exception {
    assertEquals(200, get("/health").statusCode());

    streamsState.set(KafkaStreams.State.ERROR);
    HttpResponse<String> down = get("/health");

    assertEquals(503, down.statusCode());
    assertEquals("{\"status\":\"down\",\"streams\":\"ERROR\"}", down.body());
  }

  @Test
  void metricsShowCountedAndRefusedBlocksForPrometheus() throws Exception {
    tally.publishRaw("1", new byte[] {'{'});
    tally.publish(tally.replicas.certify(tally.ledger.next(tally.freshVote("alice"))));

    String metrics = get("/metrics").body();

    assertTrue(metrics.contains("bftvote_tally_blocks_counted_total 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_blocks_refused_total{reason=\"malformed\"} 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_ballots_counted_total 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_height 1.0"), metrics);
  }

  @Test
  void unknownPathIsNotFoundAsJson() throws Exception {
    HttpResponse<String> response = get("/talies/demo");

    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"no such endpoint: /talies/demo\"}", response.body());
  }

  @Test
  void metricsShowDetectionsAndRefusedConsensusMessagesForPrometheus() throws Exception {
    tally.publishConsensusRaw("3", new byte[] {'{'});
    tally.publish(tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("a"), 3));
    tally.publish(tally.replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("b"), 3));

    String metrics = get("/metrics").body();

    assertTrue(metrics.contains("bftvote_tally_detections_emitted_total 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_consensus_refused_total{reason=\"malformed\"} 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_consensus_refused_total{reason=\"bad-signature\"} 0.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_detections_listed_total 1.0"), metrics);
    assertTrue(metrics.contains("bftvote_tally_detection_slots 1.0"), metrics);
  }

  /** A detection exactly as DESIGN.md shows it, the evidence being the two messages as signed. */
  private static String expected(int accused, long sequence, String phase, ConsensusMessage first,
      ConsensusMessage second, String detectedAt) {
    return "{\"kind\":\"equivocation\",\"accused\":" + accused + ",\"view\":0,\"sequence\":" + sequence
        + ",\"phase\":\"" + phase + "\",\"evidence\":[" + Json.writeString(first) + "," + Json.writeString(second)
        + "],\"detectedAt\":\"" + detectedAt + "\"}";
  }

  private HttpServer listen(TallyQueries queries, DetectionQueries detections) throws Exception {
    TallyHttp http = new TallyHttp(queries, detections, streamsState::get, registry);
    return vertx.createHttpServer().requestHandler(http.router(vertx)).listen(0).await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
