package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.devnet.Devnet;
import io.bftvote.cli.devnet.DevnetOptions;
import io.bftvote.gateway.ApiLimits;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance test: a whole devnet in this JVM (broker, 4 replicas, tally, gateway, all on free
 * ports), 1,000 voters voting over HTTP, plus 50 exact resubmissions and 50 second votes.
 */
class EndToEndTest {
  private static final Logger log = LoggerFactory.getLogger(EndToEndTest.class);
  private static final int VOTERS = 1_000;
  private static final int RESUBMISSIONS = 50;
  private static final int SECOND_VOTES = 50;
  private static final List<String> CANDIDATES = List.of("alice", "bob", "carol");
  private static final Duration SETTLE = Duration.ofMinutes(4);

  @TempDir
  static Path dataDir;
  static Devnet devnet;

  @BeforeAll
  static void startDevnet() throws Exception {
    // One test client posts all 1,100 ballots from one address: lift the per-client rate limit so
    // the test measures the ledger, not the limiter (which GatewayFuzzTest covers).
    devnet = Devnet.start(DevnetOptions.anyFreePorts(dataDir, 4)
        .withGatewayLimits(new ApiLimits(1_000_000, 1_000_000, ApiLimits.DEFAULT.streamClients())));
  }

  @AfterAll
  static void stopDevnet() {
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void thousandVotersResubmissionsAndSecondVotesEndInExactTalliesOnAgreeingReplicas() throws Exception {
    Random random = new Random(20261121);
    List<Ed25519.KeyPair> voters = new ArrayList<>();
    List<Ballot> firstVotes = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    CANDIDATES.forEach(c -> expected.put(c, 0L));
    for (int i = 0; i < VOTERS; i++) {
      Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
      String candidate = CANDIDATES.get(random.nextInt(CANDIDATES.size()));
      voters.add(voter);
      firstVotes.add(Ballot.sign(voter, "demo", candidate, "first"));
      expected.merge(candidate, 1L, Long::sum);
    }
    List<Ballot> resubmissions = firstVotes.subList(0, RESUBMISSIONS);
    List<Ballot> secondVotes = new ArrayList<>();
    for (int i = 0; i < SECOND_VOTES; i++) {
      // Earlier voters change their minds: a new nonce makes a new ballot, which must not count.
      secondVotes.add(Ballot.sign(voters.get(i * 7), "demo", CANDIDATES.get(i % CANDIDATES.size()), "second"));
    }

    VoteTraffic traffic = new VoteTraffic(devnet.gatewayUrl());
    Instant start = Instant.now();
    List<Ballot> all = new ArrayList<>(firstVotes);
    all.addAll(resubmissions);
    all.addAll(secondVotes);
    List<JsonNode> answers = traffic.submit(all);
    for (int i = 0; i < all.size(); i++) {
      assertEquals(all.get(i).requestId(), answers.get(i).path("id").asText(), "the gateway's id is the request id");
    }

    Set<String> ids = all.stream().map(Ballot::requestId).collect(Collectors.toSet());
    Map<String, JsonNode> outcomes = awaitAllFinal(traffic, ids);
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    log.info("{} distinct ballots final in {} s: {} votes/s committed", ids.size(), seconds,
        String.format("%.0f", ids.size() / seconds));

    for (Ballot first : firstVotes) {
      assertEquals("accepted", outcomes.get(first.requestId()).path("status").asText(), first.requestId());
    }
    for (Ballot second : secondVotes) {
      JsonNode outcome = outcomes.get(second.requestId());
      assertEquals("rejected", outcome.path("status").asText(), second.requestId());
      assertEquals("already-voted", outcome.path("reason").asText(), second.requestId());
    }
    assertEquals(VOTERS + SECOND_VOTES, ids.size(), "a resubmission is the same request, not a new one");

    await(() -> heightsAndHeads(devnet.replicas()), s -> s.size() == 1 && !s.iterator().next().startsWith("0/"),
        "all four replicas reach the same height and head");
    await(() -> tally(traffic), expected::equals, "the tally counts each first vote exactly once: " + expected);
  }

  private static Map<String, JsonNode> awaitAllFinal(VoteTraffic traffic, Set<String> ids) throws Exception {
    Map<String, JsonNode> finals = new HashMap<>();
    Set<String> pending = new HashSet<>(ids);
    Instant deadline = Instant.now().plus(SETTLE);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      traffic.statuses(pending).forEach((id, status) -> {
        if (!"pending".equals(status.path("status").asText())) {
          finals.put(id, status);
        }
      });
      pending.removeAll(finals.keySet());
      pauseBeforeNextPoll();
    }
    assertTrue(pending.isEmpty(), pending.size() + " votes still pending after " + SETTLE);
    return finals;
  }

  /** "height/head" of each replica; one distinct entry means they agree. */
  private static Set<String> heightsAndHeads(List<ReplicaApp> replicas) {
    return replicas.stream().map(r -> r.height() + "/" + r.head()).collect(Collectors.toSet());
  }

  private static Map<String, Long> tally(VoteTraffic traffic) {
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

  private static <T> void await(Supplier<T> probe, Predicate<T> done, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(SETTLE);
    T seen = probe.get();
    while (!done.test(seen)) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what + "; last seen: " + seen);
      pauseBeforeNextPoll();
      seen = probe.get();
    }
  }

  /** Polling, not waiting for a condition: the condition is re-checked after each pause. */
  private static void pauseBeforeNextPoll() throws InterruptedException {
    Thread.sleep(200);
  }
}
