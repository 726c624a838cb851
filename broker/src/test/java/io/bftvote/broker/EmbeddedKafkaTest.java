package io.bftvote.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir
  static Path dataDir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dataDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
    kafka.close(); // closing twice is harmless
  }

  @Test
  void createTopicsIsIdempotentAndKeepsTheLedgerTopicsForever() throws Exception {
    Topics topics = new Topics("idem.");
    kafka.createTopics(topics);
    kafka.createTopics(topics);

    try (Admin admin = admin()) {
      Set<String> names = admin.listTopics().names().get();
      assertTrue(names.containsAll(topics.all()), "all five topics exist: " + names);
      ConfigResource blocks = new ConfigResource(ConfigResource.Type.TOPIC, topics.blocks());
      Config config = admin.describeConfigs(List.of(blocks)).all().get().get(blocks);
      assertEquals("-1", config.get("retention.ms").value());
      assertEquals(String.valueOf(Topics.MAX_MESSAGE_BYTES), config.get("max.message.bytes").value());
    }
  }

  @Test
  void transactionalProducerCommitsAndReadCommittedConsumersSeeOnlyCommittedRecords() throws Exception {
    Topics topics = new Topics("tx.");
    kafka.createTopics(topics);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test-tx"), new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.blocks(), "k", "committed"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.blocks(), "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.blocks(), "k", "committed-too"));
      producer.commitTransaction();
    }

    List<String> seen = Records.readFromStart(kafka.bootstrapServers(), topics.blocks(), 2,
        "read_committed", Duration.ofSeconds(30));
    assertEquals(List.of("committed", "committed-too"), seen);
  }

  /** What Kafka Streams exactly_once_v2 does per commit: consumed offsets ride in the transaction. */
  @Test
  void consumedOffsetsCommitAtomicallyWithTheProducedRecords() throws Exception {
    Topics topics = new Topics("eos.");
    kafka.createTopics(topics);
    Records.produce(kafka.bootstrapServers(), topics.requests(), List.of("a", "b", "c"));
    TopicPartition input = new TopicPartition(topics.requests(), 0);
    String group = "eos-test-group";
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
         KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eos-test-tx"), new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      consumer.subscribe(List.of(topics.requests()));
      List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (consumed.size() < 3 && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
      }
      assertEquals(3, consumed.size(), "the group consumed the three input records");

      producer.beginTransaction();
      consumed.forEach(r -> producer.send(new ProducerRecord<>(topics.replies(), r.key(), r.value().toUpperCase())));
      producer.sendOffsetsToTransaction(Map.of(input, new OffsetAndMetadata(3)), consumer.groupMetadata());
      producer.commitTransaction();
    }

    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      assertEquals(3, committed.get(input).offset());
    }
    assertEquals(List.of("A", "B", "C"), Records.readFromStart(kafka.bootstrapServers(), topics.replies(), 3,
        "read_committed", Duration.ofSeconds(30)));
  }

  @Test
  void aTopicNobodyCreatedIsNotConjuredUpByAProducer() throws Exception {
    try (Admin admin = admin();
         KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
             ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500"), new StringSerializer(), new StringSerializer())) {
      var send = producer.send(new ProducerRecord<>("never.created", "k", "v"));
      assertThrows(Exception.class, send::get, "the send times out waiting for metadata");
      assertFalse(admin.listTopics().names().get().contains("never.created"));
    }
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
