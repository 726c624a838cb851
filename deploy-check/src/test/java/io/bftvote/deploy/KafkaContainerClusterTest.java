package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.client.GatewayClient;
import io.bftvote.cli.genesis.Genesis;
import io.bftvote.gateway.GatewayApp;
import io.bftvote.gateway.GatewayConfig;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.replica.ReplicaConfig;
import io.bftvote.tally.TallyApp;
import io.bftvote.tally.TallyConfig;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole system against Kafka from the official image, the one docker-compose.yml runs: four
 * replicas, the tally app and the gateway in this JVM, a vote over HTTP, and the tally counting it.
 * Needs a Docker engine; without one JUnit reports the class as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerClusterTest {
  private static final int REPLICAS = 4;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir
  static Path dir;

  private static KafkaContainer kafka;
  /** Everything started, closed in reverse order. */
  private static final Deque<AutoCloseable> started = new ArrayDeque<>();
  private static GatewayClient gateway;

  @BeforeAll
  static void startTheSystemOnKafkaInAContainer() throws Exception {
    String image = ComposeFile.load("docker-compose.yml").service("kafka-1").path("image").asText();
    kafka = new KafkaContainer(DockerImageName.parse(image));
    kafka.start();
    String bootstrap = kafka.getBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Topics.unprefixed().ensure(admin, (short) 1, 1); // one broker in the container
    }

    Genesis genesis = new Genesis(dir.resolve("cluster.json"), dir.resolve("elections.json"),
        id -> dir.resolve("replica-" + id).resolve("replica.key"));
    genesis.prepare(REPLICAS, null);

    List<String> admins = new ArrayList<>();
    for (int id = 0; id < REPLICAS; id++) {
      ReplicaApp replica = new ReplicaApp(ReplicaConfig.defaults(id, bootstrap, dir.resolve("replica-" + id + "/ledger"),
          genesis.keyFile(id), genesis.clusterFile(), genesis.electionsFile()).withAdminPort(0));
      started.push(replica);
      replica.start();
      admins.add("http://localhost:" + replica.adminPort());
    }
    TallyApp tally = new TallyApp(new TallyConfig(0, bootstrap, "", dir.resolve("tally"), genesis.clusterFile(),
        genesis.electionsFile(), TallyConfig.DEFAULT_APPLICATION_ID, Map.of("replication.factor", "1")));
    started.push(tally);
    tally.start();
    GatewayApp app = new GatewayApp(new GatewayConfig(0, bootstrap, "", genesis.clusterFile(), genesis.electionsFile(),
        "http://localhost:" + tally.port(), admins, Map.of()));
    started.push(app);
    app.start();
    gateway = new GatewayClient("http://localhost:" + app.port());
  }

  @AfterAll
  static void stopEverything() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void aVotePostedToTheGatewayIsCommittedAndCounted() {
    Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-1");

    GatewayClient.Answer posted = gateway.submit(ballot, Duration.ofSeconds(5));
    assertTrue(posted.status() == 200 || posted.status() == 202, "POST /api/votes answered " + posted.status());

    JsonNode outcome = await("the vote's final outcome", () -> {
      GatewayClient.Answer status = gateway.vote(ballot.requestId());
      return status.status() == 200 && !status.body().path("status").asText().equals("pending") ? status.body() : null;
    });
    assertEquals("accepted", outcome.path("status").asText(), outcome.toString());
    JsonNode tally = await("alice's vote in the tally", () -> {
      GatewayClient.Answer answer = gateway.tally("demo");
      return answer.status() == 200 && answer.body().path("counts").path("alice").asLong() == 1 ? answer.body() : null;
    });
    assertEquals(0, tally.path("counts").path("bob").asLong());
  }

  /** Polls until the supplier returns something, or fails at the deadline. */
  private static <T> T await(String what, Supplier<T> poll) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      T value = poll.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(200); // the poll interval, not a wait for the condition: the loop checks it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError("no " + what + " within " + DEADLINE.toSeconds() + " s");
  }
}
