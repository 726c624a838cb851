package io.bftvote.cli.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.cli.CliRun;
import io.bftvote.cli.Main;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detections} against a real broker. Each test writes under its own topic prefix, so the
 * tests share one broker without seeing each other's records.
 */
class DetectionsOnTheBrokerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static KafkaProducer<String, byte[]> producer;
  static Equivocations replicas;
  static Path clusterFile;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
    replicas = new Equivocations();
    clusterFile = replicas.saveCluster(dir);
  }

  @AfterAll
  static void stopBroker() {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Topics topicsFor(String test) {
    Topics topics = new Topics(test + ".");
    kafka.createTopics(topics);
    return topics;
  }

  private static void publish(Topics topics, String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topics.detections(), key, value)).get();
  }

  private static CliRun detections(Topics topics, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("detections", "--bootstrap", kafka.bootstrapServers(),
        "--topic-prefix", topics.prefix(), "--cluster", clusterFile.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void listsEveryDetectionWithItsEvidenceCheckedSkipsGarbageAndStopsAtTheEnd() throws Exception {
    Topics topics = topicsFor("listing");
    publish(topics, "3", Json.write(replicas.replicaThreeEquivocates()));
    publish(topics, "3", "not json at all".getBytes());
    Detection framed = Equivocations.detection(3, replicas.prepare(3, 0, 20, Equivocations.digest("a")),
        replicas.forgedPrepare(3, 0, 0, 20, Equivocations.digest("b")));
    publish(topics, "3", Json.write(framed));

    CliRun run = detections(topics);

    assertEquals(Main.OK, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith("2026-11-21T12:00:00Z  replica 3 EQUIVOCATED  view 0, sequence 12, prepare:"));
    assertTrue(lines.get(0).endsWith("(evidence verified)"), lines.get(0));
    assertTrue(lines.get(1).contains("sequence 20") && lines.get(1).contains("(NOT PROVEN: "), lines.get(1));
    assertTrue(run.err().contains("skipping the record at offset 1, it is not a detection"), run.err());
    assertTrue(run.err().contains("2 detections on listing.bft.detections (1 verified, 1 not proven,"
        + " 1 unreadable records skipped)"), run.err());
  }

  @Test
  void anEmptyTopicIsGoodNewsNotAnError() {
    CliRun run = detections(topicsFor("quiet"));

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("no replica has been caught equivocating"), run.err());
  }

  @Test
  void eachJsonLineIsEvidenceThatVerifyEvidenceProves() throws Exception {
    Topics topics = topicsFor("json");
    publish(topics, "3", Json.write(replicas.replicaThreeEquivocates()));

    CliRun run = detections(topics, "--json");

    assertEquals(Main.OK, run.exitCode(), run.err());
    Path saved = Files.writeString(dir.resolve("line.json"), run.out().lines().findFirst().orElseThrow());
    CliRun verified = CliRun.of("verify-evidence", saved.toString(), "--cluster", clusterFile.toString());
    assertEquals(Main.OK, verified.exitCode(), verified.out() + verified.err());
  }

  @Test
  void aTopicThatIsNotThereSaysWhatToCheck() {
    CliRun run = detections(new Topics("never-created."));

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("no topic never-created.bft.detections at " + kafka.bootstrapServers()), run.err());
  }

  @Test
  void followingPrintsDetectionsPublishedLaterUntilStopped() throws Exception {
    Topics topics = topicsFor("follow");
    List<String> seen = new CopyOnWriteArrayList<>();
    DetectionTail tail = new DetectionTail(kafka.bootstrapServers(), topics.detections(), Map.of());
    Thread follower = new Thread(() -> {
      try (tail) {
        tail.run(true, record -> seen.add(new String(record.value())));
      }
    }, "follower");
    follower.start();

    publish(topics, "3", Json.write(replicas.replicaThreeEquivocates()));
    awaitTrue(() -> seen.size() == 1, "the follower prints a detection published after it started");
    assertTrue(follower.isAlive(), "following does not stop at the end of the topic");

    tail.stop();
    follower.join(DEADLINE.toMillis());
    assertFalse(follower.isAlive(), "stop() ends the follower");
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what);
      Thread.sleep(50); // polling: the condition is checked again after each pause
    }
  }
}
