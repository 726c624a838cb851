package io.bftvote.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each test here starts its own broker: restarting one is the point. */
class EmbeddedKafkaRestartTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void recordsAndClusterIdSurviveACleanRestartOnTheSameDirectory(@TempDir Path dataDir) throws Exception {
    List<String> values = IntStream.range(0, 10).mapToObj(i -> "vote-" + i).toList();
    String clusterIdBefore;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      kafka.createTopics(Topics.unprefixed());
      Records.produce(kafka.bootstrapServers(), Topics.BLOCKS, values);
      clusterIdBefore = clusterId(kafka);
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      kafka.createTopics(Topics.unprefixed()); // idempotent across restarts too
      assertEquals(values, Records.readFromStart(kafka.bootstrapServers(), Topics.BLOCKS, values.size(),
          "read_uncommitted", READ_TIMEOUT));
      assertEquals(clusterIdBefore, clusterId(kafka), "the directory keeps its cluster id");
    }
  }

  @Test
  @Timeout(120) // reading the child's output blocks if it hangs instead of exiting
  void acknowledgedRecordsSurviveKillDashNine(@TempDir Path dataDir, @TempDir Path logs) throws Exception {
    int count = 20;
    Path childErr = logs.resolve("child-broker.err");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(),
        dataDir.toString(), String.valueOf(count))
        .redirectError(childErr.toFile())
        .start();
    try {
      assertTrue(awaitReady(child), () -> "the child broker never said READY; its stderr:\n" + readQuietly(childErr));
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no clean stop
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertFalse(child.isAlive(), "the child broker is dead");

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      List<String> seen = Records.readFromStart(kafka.bootstrapServers(), Topics.REQUESTS, count,
          "read_uncommitted", READ_TIMEOUT);
      assertEquals(IntStream.range(0, count).mapToObj(i -> "before-kill-" + i).toList(), seen);
    }
  }

  @Test
  void startOnATakenPortSaysWhichPortAndWhy(@TempDir Path dataDir) throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> EmbeddedKafka.start(dataDir, squatter.getLocalPort()));
      assertTrue(e.getMessage().contains("port " + squatter.getLocalPort() + " is already in use"), e.getMessage());
    }
    // The failed start left a usable, formatted directory behind.
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      kafka.createTopics(Topics.unprefixed());
    }
  }

  @Test
  void startRefusesANonEmptyDirectoryThatKafkaDidNotFormat(@TempDir Path dataDir) throws Exception {
    Files.writeString(dataDir.resolve("notes.txt"), "someone's data", StandardCharsets.UTF_8);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.start(dataDir, 0));

    assertTrue(e.getMessage().contains("not a Kafka data directory"), e.getMessage());
    assertEquals(List.of(dataDir.resolve("notes.txt")), Files.list(dataDir).toList(), "nothing was written");
  }

  private static boolean awaitReady(Process child) throws Exception {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals(BrokerProcess.READY)) {
          return true;
        }
      }
      return false; // the child exited before it was ready
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static String clusterId(EmbeddedKafka kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin.describeCluster().clusterId().get();
    }
  }
}
