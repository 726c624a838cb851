package io.bftvote.bench;

import io.bftvote.topics.Json;
import io.bftvote.topics.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bft.replies} from its end (replies to earlier runs are not ours) and feeds each
 * reply to the {@link ReplyAggregator}; an outcome that becomes final is handed on with the time
 * this reader saw it, which is when a client would have known. Listening on Kafka costs far less
 * than polling the gateway per ballot, and is exact to the poll.
 */
final class ReplyListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final ReplyAggregator aggregator;
  private final BiConsumer<ReplyAggregator.Final, Long> onFinal;
  private final AtomicLong read = new AtomicLong();
  private final Thread thread;
  private volatile boolean running;
  private boolean started;
  private boolean closed;

  /** @param onFinal called on this reader's thread with each final outcome and the nanoTime it was seen */
  ReplyListener(String bootstrap, String topic, ReplyAggregator aggregator,
                BiConsumer<ReplyAggregator.Final, Long> onFinal) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bftvote-bench-replies");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // fetch.max.wait.ms stays at its default: with fetch.min.bytes=1 the broker answers as soon as a
    // reply arrives, and a shorter wait would only make an idle reader poll the shared broker harder.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    // Replies are keyed by request id but the topic has one partition (Topics): read it whole.
    this.partition = new TopicPartition(topic, 0);
    this.aggregator = aggregator;
    this.onFinal = onFinal;
    this.thread = new Thread(this::run, "bench-replies");
    this.thread.setDaemon(true);
  }

  /** Positions at the topic's end before returning, so every reply to this run's ballots is read. */
  synchronized void start() {
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    consumer.position(partition); // seekToEnd is lazy: resolve it now, before the first ballot leaves
    running = true;
    thread.start();
    started = true;
  }

  /** Every record read so far, ours or not: while this grows, some replica is still executing and replying. */
  long repliesRead() {
    return read.get();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          read.incrementAndGet();
          if (record.key() == null || aggregator.awaits(record.key())) {
            handle(record.value());
          }
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      log.error("the reply reader stopped: {}; outcomes after this are not seen", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** A reply that does not parse proves nothing: it is passed over like one from a silent replica. */
  private void handle(byte[] value) {
    Reply reply;
    try {
      reply = value == null ? null : Json.read(value, Reply.class);
    } catch (Json.MalformedException e) {
      return;
    }
    if (reply != null) {
      aggregator.offer(reply).ifPresent(outcome -> onFinal.accept(outcome, System.nanoTime()));
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
