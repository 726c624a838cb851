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
 * Follows one topic on a thread of its own and hands every record to a sink: the replies, the
 * blocks and the detections each have one. No consumer group (every gateway wants everything),
 * and partition 0, the only one {@code Topics} creates.
 *
 * <p>Where to start is a function of the end offset when the tail starts, so a tail can replay
 * from the beginning or only the last few records. A Kafka poll looks the same whether the broker
 * is idle or gone, so the tail asks for the end offset every {@link #PROBE_EVERY} and tells its
 * {@link BrokerContact} each answer, and when it has read all that existed at its start. While the
 * broker is away the tail keeps asking; a record the sink cannot handle is logged and skipped,
 * never fatal.
 */
final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
  private static final Duration ASK = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final LongUnaryOperator startFromEnd;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final BrokerContact contact;
  private final Thread thread;
  private volatile boolean running = true;
  private long endAtStart;
  private boolean brokerSilent;

  TopicTail(String name, KafkaConsumer<String, byte[]> consumer, String topic, LongUnaryOperator startFromEnd,
      Consumer<ConsumerRecord<String, byte[]>> sink, BrokerContact contact) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.startFromEnd = startFromEnd;
    this.sink = sink;
    this.contact = contact;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean isRunning() {
    return thread.isAlive() && running;
  }

  private void run() {
    try {
      consumer.assign(List.of(partition));
      if (!seekToStart()) {
        return;
      }
      long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
      while (running) {
        if (System.nanoTime() - nextProbe >= 0) {
          endOffset();
          nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          handOver(record);
        }
        noticeCaughtUp();
      }
    } catch (WakeupException closing) {
      // close() woke us up: leave quietly
    } catch (RuntimeException e) {
      log.error("{} stopped reading {}; what it feeds stops until the gateway restarts", thread.getName(),
          partition.topic(), e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Waits for the broker to tell the end offset, then seeks; false if closed meanwhile. */
  private boolean seekToStart() {
    while (running) {
      Long end = endOffset();
      if (end != null) {
        endAtStart = end;
        long start = Math.max(0, startFromEnd.applyAsLong(end));
        consumer.seek(partition, start);
        log.info("{} reads {} from offset {} (end {})", thread.getName(), partition.topic(), start, end);
        noticeCaughtUp();
        return true;
      }
    }
    return false;
  }

  /** The end offset, or null if the broker did not answer in time; either way the contact hears of it. */
  private Long endOffset() {
    try {
      long end = consumer.endOffsets(List.of(partition), ASK).getOrDefault(partition, 0L);
      contact.answered();
      if (brokerSilent) {
        brokerSilent = false;
        log.info("{}: the broker answers again", thread.getName());
      }
      return end;
    } catch (TimeoutException e) {
      if (!brokerSilent) {
        brokerSilent = true; // warn once per outage, not every probe
        log.warn("{}: the broker did not answer within {} ms; it keeps asking", thread.getName(), ASK.toMillis());
      }
      return null;
    }
  }

  private void noticeCaughtUp() {
    if (contact.isCaughtUp()) {
      return;
    }
    try {
      if (consumer.position(partition, ASK) >= endAtStart) {
        contact.caughtUp();
        log.info("{} has read every record {} held when it started", thread.getName(), partition.topic());
      }
    } catch (TimeoutException e) {
      // the broker went quiet between probes; the next probe reports it
    }
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
