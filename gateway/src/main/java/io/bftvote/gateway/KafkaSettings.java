package io.bftvote.gateway;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client settings of the gateway; {@link GatewayConfig#kafkaOverrides()} win. */
final class KafkaSettings {
  private KafkaSettings() {}

  /**
   * Idempotent, acks=all: a 202 means every in-sync broker has the ballot. The timeouts are short
   * because a client is waiting on the other end; on failure it is told to retry.
   */
  static Properties producer(GatewayConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bftvote-gateway");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // A few milliseconds of company per produce request: under load one request carries dozens of
    // ballots instead of one, which is most of what the broker's request handlers spend.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
    p.putAll(config.kafkaOverrides());
    return p;
  }

  /** How long a send may take before the producer gives up (the override, if any, wins). */
  static Duration deliveryTimeout(Properties producerSettings) {
    return Duration.ofMillis(Long.parseLong(producerSettings.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
  }

  /** No group: the gateway reads every reply from the beginning, so a restart forgets nothing. */
  static Properties replyConsumer(GatewayConfig config) {
    return consumer(config, "bftvote-gateway-replies");
  }

  /**
   * A groupless consumer that follows bft.blocks for the live block events. Every replica
   * publishes each block, tens of KiB under load, so a fetch of 16 KiB or more still cost the
   * broker one request per copy (some 40 a second). A dashboard does not need a block the
   * millisecond it lands: it takes them in fetches of 256 KiB, or every 250 ms.
   */
  static Properties blocksConsumer(GatewayConfig config) {
    return feedConsumer(config, "bftvote-gateway-blocks", 262_144, 250);
  }

  /**
   * A groupless consumer that follows bft.detections. Detections are rare and small: the broker
   * answers as soon as the transaction that wrote one commits, and an idle reader asks twice a
   * second.
   */
  static Properties detectionsConsumer(GatewayConfig config) {
    return feedConsumer(config, "bftvote-gateway-detections", 1, 500);
  }

  /** A feed's fetch settings; an operator's override of either wins. */
  private static Properties feedConsumer(GatewayConfig config, String clientId, int minBytes, int maxWaitMs) {
    Properties p = consumer(config, clientId);
    p.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(minBytes));
    p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(maxWaitMs));
    return p;
  }

  private static Properties consumer(GatewayConfig config, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    // The tally app writes detections in transactions: an aborted one must not show a detection twice.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.putAll(config.kafkaOverrides());
    return p;
  }
}
