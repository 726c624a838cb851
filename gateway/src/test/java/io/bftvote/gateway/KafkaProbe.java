package io.bftvote.gateway;

import io.bftvote.topics.Json;
import io.bftvote.topics.Reply;
import io.bftvote.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test's own view of the broker: reads {@code bft.requests} to its end, writes the other topics. */
final class KafkaProbe implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final TopicPartition requests;
  private final String replies;

  KafkaProbe(String bootstrapServers, Topics topics) {
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer());
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
        new StringSerializer(), new ByteArraySerializer());
    requests = new TopicPartition(topics.requests(), 0);
    replies = topics.replies();
    consumer.assign(List.of(requests));
  }

  /** Every record on {@code bft.requests}, from the first to the end offset as of now. */
  List<ConsumerRecord<String, byte[]>> requestsToEnd() {
    long end = consumer.endOffsets(List.of(requests)).get(requests);
    consumer.seekToBeginning(List.of(requests));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (consumer.position(requests) < end) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read bft.requests up to offset " + end);
      }
      consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    }
    return records.stream().filter(r -> r.offset() < end).toList();
  }

  /** Publishes replies as the replicas would, and returns once the broker has them. */
  void publish(Reply... signedReplies) throws ExecutionException, InterruptedException {
    for (Reply reply : signedReplies) {
      producer.send(new ProducerRecord<>(replies, reply.requestId(), Json.write(reply))).get();
    }
  }

  /** Publishes raw bytes on {@code bft.replies}, as a careless or hostile writer might. */
  void publishRaw(String key, byte[] value) throws ExecutionException, InterruptedException {
    publishTo(replies, key, value);
  }

  /** Publishes one record on any topic, and returns once the broker has it. */
  void publishTo(String topic, String key, byte[] value) throws ExecutionException, InterruptedException {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  @Override
  public void close() {
    consumer.close();
    producer.close();
  }
}
