package io.bftvote.gateway;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic on a thread of its own and hands every record to a sink. Like the replies
 * consumer it uses no consumer group (every gateway wants everything) and reads partition 0,
 * the only one {@code Topics} creates.
 *
 * <p>Where to start is a function of the end offset when the tail starts, so a feed can replay
 * from the beginning or only the last few records. While the broker is away the tail keeps
 * asking; a record the sink cannot handle is logged and skipped, never fatal.
 */
final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration ASK = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final LongUnaryOperator startFromEnd;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final Thread thread;
  private volatile boolean running = true;

  TopicTail(String name, KafkaConsumer<String, byte[]> consumer, String topic, LongUnaryOperator startFromEnd,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.startFromEnd = startFromEnd;
    this.sink = sink;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      consumer.assign(List.of(partition));
      if (!seekToStart()) {
        return;
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          handOver(record);
        }
      }
    } catch (WakeupException closing) {
      // close() woke us up: leave quietly
    } catch (RuntimeException e) {
      log.error("{} stopped reading {}; its live events stop until the gateway restarts", thread.getName(),
          partition.topic(), e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Waits for the broker to tell the end offset, then seeks; false if closed meanwhile. */
  private boolean seekToStart() {
    boolean warned = false;
    while (running) {
      try {
        long end = consumer.endOffsets(List.of(partition), ASK).getOrDefault(partition, 0L);
        long start = Math.max(0, startFromEnd.applyAsLong(end));
        consumer.seek(partition, start);
        log.info("{} reads {} from offset {} (end {})", thread.getName(), partition.topic(), start, end);
        return true;
      } catch (TimeoutException e) {
        if (!warned) {
          warned = true; // once per outage, not every attempt
          log.warn("{} cannot reach the broker yet; it keeps trying", thread.getName());
        }
      }
    }
    return false;
  }

  private void handOver(ConsumerRecord<String, byte[]> record) {
    try {
      sink.accept(record);
    } catch (RuntimeException e) {
      log.error("{} skipped the record at {}@{}", thread.getName(), partition, record.offset(), e);
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(Duration.ZERO); // never started: nobody else will close it
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
