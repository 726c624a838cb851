package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.devnet.ByzantineMode;
import io.bftvote.cli.devnet.Devnet;
import io.bftvote.cli.devnet.DevnetOptions;
import io.bftvote.gateway.ApiLimits;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's acceptance: a whole devnet on the real broker with up to f replicas lying on purpose,
 * 500 voters voting over HTTP. Whatever the liars do, every vote commits, the honest replicas
 * agree on one head, the tally is exact; and each lie leaves the trace its mode should leave.
 */
class ByzantineDevnetTest {
  private static final Logger log = LoggerFactory.getLogger(ByzantineDevnetTest.class);
  private static final int VOTERS = 500;
  private static final List<String> CANDIDATES = List.of("alice", "bob", "carol");
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What a scenario checks beyond the guarantees every scenario shares. */
  private interface Trace {
    void check(Network net) throws Exception;
  }

  private record Scenario(String story, int n, Map<Integer, ByzantineMode> liars, List<Trace> traces) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("equivocating backup is caught once per slot", 4, Map.of(3, ByzantineMode.EQUIVOCATE),
            List.of(ByzantineDevnetTest::equivocationsProvenOncePerSlotAgainstLiarsOnly)),
        new Scenario("equivocating primary is caught and replaced", 4, Map.of(0, ByzantineMode.EQUIVOCATE),
            List.of(ByzantineDevnetTest::equivocationsProvenOncePerSlotAgainstLiarsOnly,
                ByzantineDevnetTest::viewChanged, ByzantineDevnetTest::honestReplicasNameTheLiarInTheirStatus)),
        new Scenario("forger is refused and accuses nobody", 4, Map.of(3, ByzantineMode.FORGE),
            List.of(ByzantineDevnetTest::noDetection, ByzantineDevnetTest::honestReplicasRefusedBadSignatures,
                ByzantineDevnetTest::noReplicaIsBlamedInAnyStatus)),
        new Scenario("corrupt primary is replaced and its ballots never land", 4, Map.of(0, ByzantineMode.CORRUPT),
            List.of(ByzantineDevnetTest::viewChanged, ByzantineDevnetTest::everyLedgerHoldsOnlyCertifiedValidBallots,
                ByzantineDevnetTest::honestReplicasNameTheLiarInTheirStatus)),
        new Scenario("silent primary is replaced", 4, Map.of(0, ByzantineMode.SILENT),
            List.of(ByzantineDevnetTest::viewChanged, ByzantineDevnetTest::everyLedgerHoldsOnlyCertifiedValidBallots)),
        new Scenario("replayer gets nothing applied twice", 4, Map.of(3, ByzantineMode.REPLAY),
            List.of(ByzantineDevnetTest::nothingAppliedTwice, ByzantineDevnetTest::everyLedgerHoldsOnlyCertifiedValidBallots)),
        new Scenario("n=7: silent primary and equivocating next primary", 7,
            Map.of(0, ByzantineMode.SILENT, 1, ByzantineMode.EQUIVOCATE),
            List.of(ByzantineDevnetTest::viewChanged, ByzantineDevnetTest::equivocationsProvenOncePerSlotAgainstLiarsOnly,
                ByzantineDevnetTest::everyLedgerHoldsOnlyCertifiedValidBallots)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void fiveHundredVotesCommitExactlyWhileReplicasLie(Scenario scenario, @TempDir Path dataDir) throws Exception {
    // One test client posts every ballot: lift the per-client rate limit (GatewayFuzzTest covers it).
    DevnetOptions options = new DevnetOptions(dataDir, scenario.n(), 0, 0, 0, 0, "", scenario.liars(),
        new ApiLimits(1_000_000, 1_000_000, ApiLimits.DEFAULT.streamClients()));
    try (Devnet devnet = Devnet.start(options)) {
      Network net = new Network(devnet, scenario.liars(), Cluster.load(devnet.files().clusterFile()));
      Instant start = Instant.now();
      Map<String, Long> expected = voteAndAwaitAllAccepted(net);
      await(net::honestHeightsAndHeads, s -> s.size() == 1 && !s.iterator().next().startsWith("0/"),
          "the honest replicas reach one height and head");
      await(net::tally, expected::equals, "the tally counts every vote exactly once: " + expected);
      for (Trace trace : scenario.traces()) {
        trace.check(net);
      }
      log.info("scenario '{}' passed in {} s; honest views {}", scenario, Duration.between(start, Instant.now())
          .toMillis() / 1000.0, net.honest().stream().map(ReplicaApp::view).toList());
    }
  }

  private static Map<String, Long> voteAndAwaitAllAccepted(Network net) throws Exception {
    Random random = new Random(20261121);
    Map<String, Long> expected = new TreeMap<>();
    CANDIDATES.forEach(c -> expected.put(c, 0L));
    List<Ballot> ballots = new ArrayList<>();
    for (int i = 0; i < VOTERS; i++) {
      String candidate = CANDIDATES.get(random.nextInt(CANDIDATES.size()));
      ballots.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidate, "only"));
      expected.merge(candidate, 1L, Long::sum);
    }
    net.traffic.submit(ballots);
    Set<String> pending = ballots.stream().map(Ballot::requestId).collect(Collectors.toCollection(HashSet::new));
    Map<String, JsonNode> finals = new HashMap<>();
    Instant deadline = Instant.now().plus(SETTLE);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      net.traffic.statuses(pending).forEach((id, status) -> {
        if (!"pending".equals(status.path("status").asText())) {
          finals.put(id, status);
        }
      });
      pending.removeAll(finals.keySet());
      pauseBeforeNextPoll();
    }
    assertTrue(pending.isEmpty(), pending.size() + " of " + VOTERS + " votes still pending after " + SETTLE);
    finals.forEach((id, status) -> assertEquals("accepted", status.path("status").asText(), id + ": " + status));
    return expected;
  }

  // ---- what each mode must leave behind ----

  /** Every detection proves its case, accuses a liar, and no (accused, view, sequence, phase) is reported twice. */
  private static void equivocationsProvenOncePerSlotAgainstLiarsOnly(Network net) throws Exception {
    Set<Integer> equivocators = net.liars.keySet().stream()
        .filter(id -> net.liars.get(id) == ByzantineMode.EQUIVOCATE).collect(Collectors.toSet());
    List<Detection> detections = await(net::detections,
        found -> found.stream().map(Detection::accused).collect(Collectors.toSet()).containsAll(equivocators),
        "a detection names each equivocator " + equivocators);
    Map<String, Long> perSlot = new TreeMap<>();
    for (Detection d : detections) {
      assertTrue(equivocators.contains(d.accused()), "only equivocators are accused, not replica " + d.accused());
      assertNull(d.problem(net.cluster), "the evidence proves the equivocation");
      perSlot.merge(d.accused() + "/" + d.view() + "/" + d.sequence() + "/" + d.phase(), 1L, Long::sum);
    }
    perSlot.forEach((slot, count) -> assertEquals(1L, count, "detections for accused/view/sequence/phase " + slot));
    log.info("{} detections, one per slot, all against {}", detections.size(), equivocators);
  }

  private static void noDetection(Network net) throws Exception {
    assertEquals(List.of(), net.detections(), "a forgery proves nothing about anyone");
  }

  private static void honestReplicasRefusedBadSignatures(Network net) throws Exception {
    for (ReplicaApp replica : net.honest()) {
      String metrics = net.text("http://localhost:" + replica.adminPort() + "/metrics");
      double refused = metrics.lines()
          .filter(l -> l.startsWith("bftvote_replica_dropped_total{") && l.contains("reason=\"bad-signature\""))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
      assertTrue(refused > 0, "replica " + replica.status().id() + " counted no forged message as refused");
    }
  }

  /** Some honest replica's /status lists the liar among the replicas it caught, and only liars. */
  private static void honestReplicasNameTheLiarInTheirStatus(Network net) throws Exception {
    await(() -> net.honest().stream().flatMap(r -> r.status().misbehaving().stream()).collect(Collectors.toSet()),
        caught -> !caught.isEmpty() && net.liars.keySet().containsAll(caught),
        "an honest replica names the liar " + net.liars.keySet() + " (and nobody else) in its status");
  }

  /** A forger's messages fail their signatures, so they prove nothing against anyone. */
  private static void noReplicaIsBlamedInAnyStatus(Network net) {
    for (ReplicaApp replica : net.devnet.replicas()) {
      assertTrue(replica.status().misbehaving().isEmpty(),
          "replica " + replica.status().id() + " blames " + replica.status().misbehaving() + " on forged messages");
    }
  }

  private static void viewChanged(Network net) throws Exception {
    await(() -> net.honest().stream().mapToLong(ReplicaApp::view).max().orElse(0), view -> view > 0,
        "an honest replica moves past view 0");
  }

  /** Each replica's blocks carry valid commit certificates and only ballots their voters signed. */
  private static void everyLedgerHoldsOnlyCertifiedValidBallots(Network net) throws Exception {
    for (ReplicaApp replica : net.devnet.replicas()) {
      for (CertifiedBlock certified : net.blocks(replica)) {
        assertNull(certified.certificateProblem(net.cluster), "block " + certified.block().height());
        for (Ballot ballot : certified.block().ballots()) {
          assertTrue(ballot.hasValidSignature(), "replica " + replica.status().id() + " holds a forged ballot at "
              + certified.block().height() + ": " + ballot.requestId());
        }
      }
    }
  }

  private static void nothingAppliedTwice(Network net) throws Exception {
    Set<String> applied = new HashSet<>();
    for (CertifiedBlock certified : net.blocks(net.honest().get(0))) {
      List<Ballot> ballots = certified.block().ballots();
      for (int i = 0; i < ballots.size(); i++) {
        if (Outcome.fromCode(certified.block().outcomes().get(i)) != Outcome.DUPLICATE) {
          assertTrue(applied.add(ballots.get(i).requestId()), "applied twice: " + ballots.get(i).requestId());
        }
      }
    }
    assertEquals(VOTERS, applied.size(), "every vote applied once");
  }

  // ---- reading the running devnet ----

  /** The running devnet as the checks see it: who lies, and how to read its HTTP APIs. */
  private static final class Network {
    final Devnet devnet;
    final Map<Integer, ByzantineMode> liars;
    final Cluster cluster;
    final VoteTraffic traffic;

    Network(Devnet devnet, Map<Integer, ByzantineMode> liars, Cluster cluster) {
      this.devnet = devnet;
      this.liars = liars;
      this.cluster = cluster;
      this.traffic = new VoteTraffic(devnet.gatewayUrl());
    }

    List<ReplicaApp> honest() {
      return devnet.replicas().stream().filter(r -> !liars.containsKey(r.status().id())).toList();
    }

    Set<String> honestHeightsAndHeads() {
      return honest().stream().map(r -> r.height() + "/" + r.head()).collect(Collectors.toSet());
    }

    Map<String, Long> tally() {
      try {
        JsonNode tally = traffic.get("/api/tallies/demo");
        Map<String, Long> counts = new TreeMap<>();
        if (tally != null) {
          tally.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        }
        return counts;
      } catch (Exception e) {
        return Map.of(); // not answering yet: poll again
      }
    }

    List<Detection> detections() {
      try {
        JsonNode listing = traffic.get("/api/detections");
        return listing == null ? List.of()
            : List.of(Json.MAPPER.treeToValue(listing, Detection[].class));
      } catch (Exception e) {
        throw new AssertionError("GET /api/detections did not answer a detection list", e);
      }
    }

    List<CertifiedBlock> blocks(ReplicaApp replica) throws Exception {
      List<CertifiedBlock> blocks = new ArrayList<>();
      long height = replica.height();
      for (long h = 1; h <= height; h++) {
        String body = text("http://localhost:" + replica.adminPort() + "/blocks/" + h);
        blocks.add(Json.MAPPER.readValue(body, CertifiedBlock.class));
      }
      return blocks;
    }

    String text(String url) throws Exception {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), url + " answered " + response.body());
      return response.body();
    }
  }

  private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(SETTLE);
    T seen = probe.get();
    while (!done.test(seen)) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what + "; last seen: " + seen);
      pauseBeforeNextPoll();
      seen = probe.get();
    }
    return seen;
  }

  /** Polling, not waiting for a condition: the condition is re-checked after each pause. */
  private static void pauseBeforeNextPoll() throws InterruptedException {
    Thread.sleep(200);
  }
}
