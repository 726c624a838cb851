package io.bftvote.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas killed the way {@code kill -9} kills them (their own process, SIGKILL: no close, no
 * flush) while votes flow, on a real broker: the others go on, a new primary takes over when the
 * primary dies, and a killed replica restarted on its data directory catches up to the same head.
 */
class ReplicaFailoverTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final long VIEW_CHANGE_TIMEOUT = 1_500;
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

  /** A cluster whose replica {@code victim} runs in a process of its own, ready to be killed. */
  private TestCluster cluster(String prefix, int victim, int maxBatch) throws Exception {
    TestCluster cluster = new TestCluster(kafka.bootstrapServers(), prefix, dir, 4, VIEW_CHANGE_TIMEOUT, maxBatch);
    kafka.createTopics(cluster.topics);
    for (int id = 0; id < 4; id++) {
      if (id == victim) {
        cluster.startProcess(id);
      } else {
        cluster.start(id);
      }
    }
    return cluster;
  }

  @Test
  void whenThePrimaryIsKilledANewPrimaryTakesOverAndEveryVoteCommitsExactlyOnce() throws Exception {
    try (TestCluster cluster = cluster("failover.", 0, 50)) {
      List<Ballot> ballots = new ArrayList<>(cluster.postBallots(100));
      Await.until(PATIENCE, () -> cluster.allConfirmed(ballots), () -> "the first 100 ballots under primary 0");

      ballots.addAll(cluster.postBallots(100));
      long heightAtDeath = cluster.replica(1).height();
      long diedAt = System.nanoTime();
      cluster.kill(0);
      long[] firstCommitInNewView = {0};
      Await.until(PATIENCE, () -> {
        if (firstCommitInNewView[0] == 0 && cluster.replica(1).view() >= 1 && cluster.replica(1).height() > heightAtDeath) {
          firstCommitInNewView[0] = System.nanoTime();
        }
        return cluster.allConfirmed(ballots);
      }, () -> "all 200 ballots once primary 0 is dead");
      System.out.printf("primary killed -> first commit in view %d after %d ms (view change timeout %d ms)%n",
          cluster.replica(1).view(), (firstCommitInNewView[0] - diedAt) / 1_000_000, VIEW_CHANGE_TIMEOUT);
      awaitSameLedger(cluster, 1, 2, 3);
      assertTrue(cluster.replica(1).view() >= 1, "a view change happened");
      assertExecutedExactlyOnce(cluster, 1, ballots);

      cluster.start(0);
      List<Ballot> afterReturn = cluster.postBallots(20);
      Await.until(PATIENCE, () -> cluster.allConfirmed(afterReturn), () -> "ballots after replica 0 came back");
      awaitSameLedger(cluster, 0, 1, 2, 3);
      assertEquals(cluster.replica(1).view(), cluster.replica(0).view(), "the old primary rejoined the new view");
    }
  }

  @Test
  void aBackupKilledMidStreamRestartsAndCatchesUpToTheSameHead() throws Exception {
    // Ten-ballot batches: over 230 blocks, so the restarted replica catches up past stable checkpoints.
    try (TestCluster cluster = cluster("killed-backup.", 3, 10)) {
      List<Ballot> before = cluster.postBallots(300);
      Await.until(PATIENCE, () -> cluster.replica(0).height() >= 2, () -> "the first blocks");
      cluster.kill(3); // mid-stream: most of the 300 are still being ordered

      List<Ballot> whileDown = cluster.postBallots(2_000);
      List<Ballot> all = new ArrayList<>(before);
      all.addAll(whileDown);
      Await.until(PATIENCE, () -> cluster.allConfirmed(all), () -> "2,300 ballots committed by replicas 0 to 2");
      awaitSameLedger(cluster, 0, 1, 2);

      cluster.start(3);
      awaitSameLedger(cluster, 0, 1, 2, 3);
      List<Ballot> after = cluster.postBallots(30);
      Await.until(PATIENCE, () -> cluster.allConfirmed(after), () -> "ballots once replica 3 is back");
      awaitSameLedger(cluster, 0, 1, 2, 3);
      assertExecutedExactlyOnce(cluster, 3, all);
      assertTrue(cluster.replica(3).status().stableCheckpoint() > 0, "checkpoints became stable on the way");
    }
  }

  /** Every ballot took effect in exactly one block of replica {@code id}'s ledger, and nothing else did. */
  private static void assertExecutedExactlyOnce(TestCluster cluster, int id, List<Ballot> ballots) {
    Map<String, Integer> effective = new HashMap<>();
    for (long height = 1; height <= cluster.replica(id).height(); height++) {
      Block block = Json.read(cluster.get(id, "/blocks/" + height).body().getBytes(), CertifiedBlock.class).block();
      for (int i = 0; i < block.ballots().size(); i++) {
        if (Outcome.fromCode(block.outcomes().get(i)) != Outcome.DUPLICATE) {
          effective.merge(block.ballots().get(i).requestId(), 1, Integer::sum);
        }
      }
    }
    Set<String> posted = ballots.stream().map(Ballot::requestId).collect(Collectors.toSet());
    assertTrue(effective.keySet().containsAll(posted), "every posted ballot was executed");
    assertTrue(effective.values().stream().allMatch(count -> count == 1), "none took effect twice");
  }

  private static void awaitSameLedger(TestCluster cluster, int... ids) {
    List<ReplicaApp> replicas = cluster.running(ids);
    Await.until(PATIENCE, () -> replicas.stream().map(r -> r.height() + "/" + r.head()).distinct().count() == 1,
        () -> "replicas " + java.util.Arrays.toString(ids) + " at one height and head, are at "
            + replicas.stream().map(r -> r.height() + "/" + r.head().substring(0, 8)).toList());
  }
}
