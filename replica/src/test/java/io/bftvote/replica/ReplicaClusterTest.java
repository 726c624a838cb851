package io.bftvote.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four real replicas on an embedded Kafka broker, fed ballots the way the gateway would. */
class ReplicaClusterTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;

  @TempDir static Path brokerDir;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(brokerDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private TestCluster cluster(String prefix) throws Exception {
    TestCluster cluster = new TestCluster(kafka.bootstrapServers(), prefix, dir, 4);
    kafka.createTopics(cluster.topics);
    cluster.startAll();
    return cluster;
  }

  @Test
  void fourReplicasCommitEveryBallotAndAgreeOnOneLedger() throws Exception {
    try (TestCluster cluster = cluster("agree.")) {
      List<Ballot> ballots = cluster.postBallots(200);

      Await.until(PATIENCE, () -> cluster.allConfirmed(ballots), () -> "f+1 matching replies for all 200 ballots");
      awaitSameLedger(cluster, 0, 1, 2, 3);

      Set<String> statuses = ballots.stream().map(b -> cluster.anyReply(b.requestId()).status())
          .collect(Collectors.toSet());
      assertEquals(Set.of("accepted"), statuses, "200 fresh voters, 200 accepted votes");
      long height = cluster.replica(0).height();
      assertTrue(height >= 4, "50-ballot batches make at least 4 blocks, got " + height);

      HttpResponse<String> statusAnswer = cluster.get(2, "/status");
      assertEquals(HttpClient.Version.HTTP_1_1, statusAnswer.version(), "the admin API refuses the client's h2c upgrade");
      JsonNode status = Json.MAPPER.readTree(statusAnswer.body());
      assertEquals(2, status.get("id").asInt());
      assertEquals(0, status.get("view").asLong());
      assertEquals(0, status.get("primary").asInt());
      assertEquals(height, status.get("height").asLong());
      assertEquals(cluster.replica(0).head(), status.get("head").asText());
      assertTrue(status.has("stableCheckpoint"));

      HttpResponse<String> first = cluster.get(1, "/blocks/1");
      assertEquals(200, first.statusCode());
      CertifiedBlock block = Json.read(first.body().getBytes(), CertifiedBlock.class);
      assertNull(block.certificateProblem(cluster.cluster), "block 1 carries a valid commit certificate");
      assertEquals(404, cluster.get(1, "/blocks/" + (height + 1)).statusCode());
      HttpResponse<String> notANumber = cluster.get(1, "/blocks/one");
      assertEquals(400, notANumber.statusCode());
      assertTrue(notANumber.body().contains("\"error\""), notANumber.body());
      assertTrue(cluster.get(3, "/metrics").body().contains("bftvote_replica_blocks_executed_total " + height + ".0"));
      assertTrue(cluster.running(0, 1, 2, 3).stream().allMatch(ReplicaApp::isRunning), "no event loop failed");
    }
  }

  @Test
  void aForgedConsensusMessageIsCountedAndChangesNothing() throws Exception {
    try (TestCluster cluster = cluster("forged.")) {
      List<Ballot> ballots = cluster.postBallots(20);
      Await.until(PATIENCE, () -> cluster.allConfirmed(ballots), () -> "replies for the first 20 ballots");
      awaitSameLedger(cluster, 0, 1, 2, 3);
      long height = cluster.replica(0).height();
      String head = cluster.replica(0).head();

      // A pre-prepare for the next sequence that claims to come from the primary, signed by a stranger.
      List<Ballot> batch = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "forged"));
      ConsensusMessage forged = ConsensusMessage.of(Phase.PRE_PREPARE, 0, height + 1, BatchDigest.of(batch), 0)
          .withBatch(batch).signedBy(Ed25519.KeyPair.generate());
      cluster.publish(cluster.topics.consensus(), "0", Json.write(forged));

      String counted = "bftvote_replica_dropped_total{reason=\"bad-signature\",topic=\"bft.consensus\"} 1.0";
      for (int replica = 0; replica < 4; replica++) {
        int r = replica;
        Await.until(PATIENCE, () -> cluster.get(r, "/metrics").body().contains(counted),
            () -> "replica " + r + " to count the forged message");
      }
      for (ReplicaApp replica : cluster.running(0, 1, 2, 3)) {
        assertEquals(height, replica.height(), "the forged pre-prepare was not executed");
        assertEquals(head, replica.head());
      }
    }
  }

  @Test
  void aRestartedReplicaCatchesUpToTheSameHead() throws Exception {
    try (TestCluster cluster = cluster("restart.")) {
      List<Ballot> before = cluster.postBallots(50);
      Await.until(PATIENCE, () -> cluster.allConfirmed(before), () -> "replies for the first 50 ballots");
      awaitSameLedger(cluster, 0, 1, 2, 3);
      cluster.stop(3);
      long heightWhenStopped = cluster.replica(3).height();

      List<Ballot> whileDown = cluster.postBallots(100);
      Await.until(PATIENCE, () -> cluster.allConfirmed(whileDown), () -> "3 replicas to commit without the 4th");
      awaitSameLedger(cluster, 0, 1, 2);
      assertTrue(cluster.replica(0).height() > heightWhenStopped, "the others went on without replica 3");

      cluster.start(3);
      awaitSameLedger(cluster, 0, 1, 2, 3);

      List<Ballot> after = cluster.postBallots(30);
      Await.until(PATIENCE, () -> cluster.allConfirmed(after), () -> "replies once replica 3 is back");
      awaitSameLedger(cluster, 0, 1, 2, 3);
    }
  }

  @Test
  void aReplicaRefusesToStartWhenItsTopicsDoNotExist() {
    TestCluster cluster = new TestCluster(kafka.bootstrapServers(), "missing.", dir, 4);
    try (ReplicaApp app = new ReplicaApp(cluster.config(0))) {
      IllegalStateException refused = assertThrows(IllegalStateException.class, app::start);
      assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
    } finally {
      cluster.close();
    }
  }

  private static void awaitSameLedger(TestCluster cluster, int... ids) {
    List<ReplicaApp> replicas = cluster.running(ids);
    Await.until(PATIENCE, () -> replicas.stream().map(r -> r.height() + "/" + r.head()).distinct().count() == 1,
        () -> "replicas " + java.util.Arrays.toString(ids) + " at one height and head, are at "
            + replicas.stream().map(r -> r.height() + "/" + r.head().substring(0, 8)).toList());
  }
}
