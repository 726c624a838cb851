package io.bftvote.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole tally app, exactly-once, against a real (embedded) broker: counting, and catching a liar. */
class TallyAppBrokerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Duration POLL_PAUSE = Duration.ofMillis(200);
  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static final Topics TOPICS = Topics.unprefixed();
  private final TestReplicas replicas = new TestReplicas();
  private final Elections elections = Elections.demo();
  private final TestLedger ledger = new TestLedger(elections);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    kafka.createTopics(TOPICS);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void tallyCountsEachCertifiedHeightOnceAndResumesAfterARestart() throws Exception {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    CertifiedBlock one = replicas.certify(ledger.next(vote(voter, "alice"), vote(Ed25519.KeyPair.generate(), "bob")));
    CertifiedBlock two = replicas.certify(ledger.next(vote(voter, "carol"), vote(Ed25519.KeyPair.generate(), "bob")));
    CertifiedBlock three = replicas.certify(ledger.next(vote(Ed25519.KeyPair.generate(), "carol")));
    TallyConfig config = config();

    try (TallyApp app = new TallyApp(config); KafkaProducer<String, byte[]> producer = producer()) {
      app.start();
      publish(producer, "2", Json.write(two));         // a lagging height-1 publisher: 2 waits for 1
      publish(producer, "1", "garbage".getBytes());    // refused, counted, ignored
      for (int replica = 0; replica < 4; replica++) {
        publish(producer, "1", Json.write(one));
        publish(producer, "2", Json.write(two));
      }
      assertEquals("{\"election\":\"demo\",\"counts\":{\"alice\":1,\"bob\":2,\"carol\":0},\"height\":2}",
          awaitGet(app.port(), "/tallies/demo", "\"height\":2"));
    }

    // A new instance with the same application id and state resumes where the first stopped.
    try (TallyApp app = new TallyApp(config); KafkaProducer<String, byte[]> producer = producer()) {
      app.start();
      publish(producer, "3", Json.write(three));
      publish(producer, "1", Json.write(one));
      assertEquals("{\"election\":\"demo\",\"counts\":{\"alice\":1,\"bob\":2,\"carol\":1},\"height\":3}",
          awaitGet(app.port(), "/tallies/demo", "\"height\":3"));
    }
  }

  @Test
  void equivocationRedeliveredAndReplayedAfterARestartIsPublishedOnce() throws Exception {
    Topics topics = new Topics("equivocation."); // its own topics: the other story's tally reads none of them
    kafka.createTopics(topics);
    TallyConfig config = config(topics, "tally-detection-test");
    ConsensusMessage first = replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("batch A"), 3);
    ConsensusMessage second = replicas.signed(Phase.PREPARE, 0, 5, TestReplicas.digest("batch B"), 3);

    try (TallyApp app = new TallyApp(config); KafkaProducer<String, byte[]> producer = producer()) {
      app.start();
      for (int delivery = 0; delivery < 3; delivery++) {
        publish(producer, topics.consensus(), "3", Json.write(first));
        publish(producer, topics.consensus(), "3", Json.write(second));
      }
      publish(producer, topics.consensus(), "3", "garbage".getBytes()); // refused, counted, ignored

      Detection[] listed = Json.read(Bytes.utf8(awaitGet(app.port(), "/detections", "\"accused\":3")),
          Detection[].class);
      assertEquals(1, listed.length);
      assertEquals(List.of(first, second), listed[0].evidence());
      assertNull(listed[0].problem(replicas.cluster()));
    }

    // Restarted on its state, the tally is shown the same lie again; a new lie marks how far it read.
    try (TallyApp app = new TallyApp(config); KafkaProducer<String, byte[]> producer = producer()) {
      app.start();
      publish(producer, topics.consensus(), "3", Json.write(second));
      publish(producer, topics.consensus(), "3", Json.write(first));
      publish(producer, topics.consensus(), "2", Json.write(replicas.signed(Phase.COMMIT, 0, 6, "aa", 2)));
      publish(producer, topics.consensus(), "2", Json.write(replicas.signed(Phase.COMMIT, 0, 6, "bb", 2)));
      awaitGet(app.port(), "/detections", "\"accused\":2");
    }

    List<ConsumerRecord<String, byte[]>> onTopic = readCommitted(topics.detections());
    assertEquals(List.of("3", "2"), onTopic.stream().map(ConsumerRecord::key).toList());
  }

  private TallyConfig config() {
    return config(TOPICS, "tally-broker-test");
  }

  private TallyConfig config(Topics topics, String applicationId) {
    Path clusterFile = dir.resolve("cluster.json");
    Path electionsFile = dir.resolve("elections.json");
    replicas.cluster().save(clusterFile);
    elections.save(electionsFile);
    return new TallyConfig(0, kafka.bootstrapServers(), topics.prefix(), dir.resolve(applicationId), clusterFile,
        electionsFile, applicationId, Map.of(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1"));
  }

  /** Every committed record of a one-partition topic, read from the start to the current end. */
  private static List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        consumer.poll(POLL_PAUSE).forEach(records::add);
      }
    }
    return records;
  }

  private Ballot vote(Ed25519.KeyPair voter, String candidate) {
    return Ballot.sign(voter, "demo", candidate, "n-" + candidate);
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static void publish(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
    publish(producer, TOPICS.blocks(), key, value);
  }

  private static void publish(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** Polls GET {@code path} until it answers 200 with a body holding {@code marker}; returns that body. */
  private String awaitGet(int port, String path, String marker) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(HttpClient.Version.HTTP_1_1, response.version(), "the tally refuses the client's h2c upgrade");
      last = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200 && response.body().contains(marker)) {
        return response.body();
      }
      Thread.sleep(POLL_PAUSE.toMillis()); // pause between polls, not a wait for the condition
    }
    throw new AssertionError("GET " + path + " did not show " + marker + " within " + DEADLINE + "; last answer: "
        + last);
  }
}
