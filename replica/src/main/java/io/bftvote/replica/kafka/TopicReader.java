package io.bftvote.replica.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that reads one single-partition topic from an offset the replica chose and hands what
 * it reads to the event loop. Parsing and signature checks happen here, never on the event loop.
 */
abstract class TopicReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long OFFER_WAIT_MILLIS = 50;
  private static final Duration TOPIC_LOOKUP = Duration.ofSeconds(30);

  protected final Consumer<String, byte[]> consumer;
  protected final TopicPartition partition;
  private final Thread thread;
  private final FirstTimeLog firstFailure = new FirstTimeLog();
  private ReplicaLoop loop;
  private volatile boolean running;

  TopicReader(String threadName, Consumer<String, byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    requireTopic(consumer, topic);
    consumer.assign(List.of(partition));
  }

  /** Fails fast, and says what to do, instead of waiting forever for a topic nobody created. */
  private static void requireTopic(Consumer<String, byte[]> consumer, String topic) {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, TOPIC_LOOKUP);
    } catch (KafkaException e) {
      throw new IllegalStateException("cannot look up topic " + topic + " (is Kafka running and reachable?): " + e, e);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist: create the bftvote topics first "
          + "(devnet and the broker command do)");
    }
  }

  /** Starts reading at {@code offset} on the reader's own thread, handing inputs to {@code loop}. */
  void startAt(long offset, ReplicaLoop loop) {
    consumer.seek(partition, offset);
    start(loop);
  }

  /** Starts reading where the consumer is positioned, handing inputs to {@code loop}. */
  void start(ReplicaLoop loop) {
    this.loop = loop;
    running = true;
    thread.start();
  }

  /** Handles one poll's records. */
  abstract void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException;

  /** Hands an input to the event loop, waiting while its queue is full; false once stopping. */
  protected boolean submit(Input input) throws InterruptedException {
    while (running && loop.isRunning()) {
      if (loop.offer(input, OFFER_WAIT_MILLIS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Polls until closed or the loop stops. A failure while reading is treated like the network
   * losing those records (PBFT tolerates that; blocks and re-sends fill the gap): it is logged,
   * the first time per kind, and reading goes on.
   */
  private void run() {
    while (running && loop.isRunning()) {
      try {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          handle(records);
        }
      } catch (WakeupException | InterruptedException stopping) {
        break; // close() asked us to stop
      } catch (RuntimeException e) {
        if (firstFailure.firstTime(e.getClass().getName())) {
          log.error("{} failed reading {} and skipped what it had polled: {} (later failures of this kind are not "
              + "logged)", thread.getName(), partition.topic(), e.toString(), e);
        }
      }
    }
    running = false;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      consumer.close(Duration.ofSeconds(2)); // not thread-safe: only once its thread is gone
    } else {
      log.warn("{} did not stop within 10 s", thread.getName());
    }
  }
}
