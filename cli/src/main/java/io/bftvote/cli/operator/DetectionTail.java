package io.bftvote.cli.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code bft.detections} from the beginning without a consumer group, so an operator looking
 * never moves anyone's offsets: either up to the end offsets seen at the start, or for good
 * ({@code follow}) until {@link #stop}. Records are handed on one at a time as they are polled,
 * so nothing accumulates however long the topic is.
 */
final class DetectionTail implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  /** How long to wait for the broker's metadata before saying it does not answer. */
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

  /** The topic is not there (yet): the command turns this into what to check. */
  static final class MissingTopicException extends RuntimeException {
    MissingTopicException(String topic) {
      super("no topic " + topic);
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;

  DetectionTail(String bootstrapServers, String topic, Map<String, String> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bftvote-detections-cli");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // The tally publishes with exactly_once_v2: detections of an aborted transaction never happened.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
    config.putAll(overrides);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
  }

  /** Hands every record to {@code sink}, from the first; returns at the end unless following. */
  void run(boolean follow, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (follow || !reached(end)) {
        consumer.poll(POLL).forEach(sink);
      }
    } catch (WakeupException stopped) {
      // stop() was called, from Ctrl-C's shutdown hook or a test: a normal end.
    }
  }

  /** Ends {@link #run} from another thread; safe to call at any time. */
  void stop() {
    consumer.wakeup();
  }

  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new MissingTopicException(topic);
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
