package io.bftvote.replica.kafka;

import io.bftvote.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How a replica talks to Kafka. Values travel as bytes and are parsed by the replica itself, so a
 * malformed record is counted and skipped instead of failing the consumer. {@code overrides} (from
 * the replica's config, e.g. TLS or SASL settings) are applied last.
 */
public final class KafkaClients {
  /** A producer batch: sized so that a full block's replies (1,000 of ~1 KiB each) fit in one. */
  static final int PRODUCER_BATCH_BYTES = 2 * 1024 * 1024;

  private final String bootstrapServers;
  private final Map<String, String> overrides;
  private final String clientPrefix;

  public KafkaClients(String bootstrapServers, Map<String, String> overrides, String clientPrefix) {
    this.bootstrapServers = bootstrapServers;
    this.overrides = Map.copyOf(overrides);
    this.clientPrefix = clientPrefix;
  }

  /** Idempotent and acks=all: a message this replica sent is neither lost nor duplicated by a retry. */
  public KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientPrefix + "-producer");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    // No compression: Kafka's LZ4 stream allocates two 64 KiB blocks for every batch, and a replica's
    // batches are small and frequent (2 ms linger), so LZ4 was a tenth of all the devnet's allocation
    // under load; the broker also had to decompress each batch to validate it. Disk bytes are cheaper here.
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    // A produce request carries at most one batch per partition, and a block's replies (hundreds,
    // ~900 B each) all go to bft.replies' one partition: in Kafka's default 16 KiB batches they took
    // eight to eleven produce requests per block, more than half of all the broker's produce
    // requests. Now one batch holds them. A batch of small messages also takes a whole 2 MiB buffer
    // (pooled and reused, so no garbage), but a partition holds only its open batch and those in
    // its five requests in flight: what can fill the producer's 32 MiB is a backlog of replies,
    // by their bytes, as before.
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_BYTES);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    config.putAll(overrides);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A group-less consumer: the replica assigns partitions and tracks its positions itself, so no
   * group coordination (and no rebalance) stands between it and its topics.
   */
  public KafkaConsumer<String, byte[]> consumer(Reader reader) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientPrefix + "-" + reader.clientSuffix);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, reader.minBytes);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, reader.maxWaitMs);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    config.putAll(overrides);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * What a consumer reads, and so how eagerly it fetches. Every fetch is a broker request, and
   * under load a reader that asks for "one byte or more" fetches after every few records: a dozen
   * such readers cost the broker a third of a core. Only consensus messages are on the critical
   * path record by record; requests wait for the primary's batch anyway (up to 200 ms),
   * and blocks only matter to a replica that fell behind: every replica publishes each block, so
   * a blocks reader takes them in fetches of 512 KiB (a few a second under load), not one per
   * copy. An idle reader asks every {@code maxWaitMs}. Requests come in polls of a hundred or
   * so (64 KiB, or what 30 ms brought) because their signatures are verified a poll at a time,
   * in one batch, which costs half as much per signature from a few dozen up; and because at
   * 3,000 votes/s polls of 16 KiB were a fetch every 10 ms from each replica. The primary's batch
   * delay (200 ms) dwarfs the wait.
   */
  public enum Reader {
    REQUESTS("requests", 65_536, 30),
    CONSENSUS("consensus", 1, 500),
    BLOCKS("blocks", 524_288, 200);

    private final String clientSuffix;
    private final int minBytes;
    private final int maxWaitMs;

    Reader(String clientSuffix, int minBytes, int maxWaitMs) {
      this.clientSuffix = clientSuffix;
      this.minBytes = minBytes;
      this.maxWaitMs = maxWaitMs;
    }
  }
}
