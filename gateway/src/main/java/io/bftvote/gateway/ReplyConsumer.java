package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import io.bftvote.topics.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bft.replies} from the beginning on a thread of its own, checks each reply
 * ({@link ReplyCheck}), and records the good ones in the {@link OutcomeBook}. When a reply makes a
 * vote final, {@code onDecided} hears of it.
 *
 * <p>No consumer group and manual assignment of partition 0: every gateway wants every reply, and
 * {@code Topics} creates each topic with one partition.
 */
final class ReplyConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final Cluster cluster;
  private final OutcomeBook book;
  private final GatewayMetrics metrics;
  private final BrokerContact contact;
  private final Consumer<VoteStatus> onDecided;
  private final Thread thread;
  private volatile boolean running = true;
  private long startEndOffset = -1;
  private boolean brokerSilent;

  ReplyConsumer(KafkaConsumer<String, byte[]> consumer, String topic, Cluster cluster, OutcomeBook book,
      GatewayMetrics metrics, BrokerContact contact, Consumer<VoteStatus> onDecided) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.cluster = cluster;
    this.book = book;
    this.metrics = metrics;
    this.contact = contact;
    this.onDecided = onDecided;
    this.thread = new Thread(this::run, "gateway-replies");
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
      consumer.seekToBeginning(List.of(partition));
      long nextProbe = 0;
      while (running) {
        if (System.nanoTime() - nextProbe >= 0) {
          probeBroker();
          nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          accept(record);
        }
        noticeCaughtUp();
      }
    } catch (WakeupException closing) {
      // close() woke us up: leave quietly
    } catch (RuntimeException e) {
      log.error("the replies consumer stopped; votes will stay pending until the gateway restarts", e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Asks the broker for the end offset: proof it is there, and the mark for "caught up". */
  private void probeBroker() {
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), PROBE_TIMEOUT);
      contact.answered();
      if (brokerSilent) {
        brokerSilent = false;
        log.info("the broker answers again");
      }
      if (startEndOffset < 0) {
        startEndOffset = end.getOrDefault(partition, 0L);
        log.info("reading {} past replies from {}", startEndOffset, partition.topic());
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      if (!brokerSilent) {
        brokerSilent = true; // warn once per outage, not every probe
        log.warn("the broker did not answer within {} ms; /health reports 503 until it does", PROBE_TIMEOUT.toMillis());
      }
    }
  }

  private void noticeCaughtUp() {
    if (contact.isCaughtUp() || startEndOffset < 0) {
      return;
    }
    try {
      if (consumer.position(partition, PROBE_TIMEOUT) >= startEndOffset) {
        contact.caughtUp();
        log.info("read all past replies; outcomes of earlier votes are known");
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      // the broker went quiet between probes; the next probe reports it
    }
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    Reply reply;
    try {
      reply = Json.read(record.value() == null ? new byte[0] : record.value(), Reply.class);
    } catch (Json.MalformedException e) {
      ignore(new Rejection("unreadable", "not a reply: " + e.getMessage()), record);
      return;
    }
    Rejection problem = ReplyCheck.problem(reply, cluster);
    if (problem != null) {
      ignore(problem, record);
      return;
    }
    metrics.replyCounted();
    Optional<VoteStatus> decided = book.record(reply.requestId(), reply.replica(), Verdict.of(reply));
    decided.ifPresent(status -> {
      log.debug("vote {} is final: {} at height {}", status.id(), status.status(), status.height());
      onDecided.accept(status);
    });
  }

  private void ignore(Rejection problem, ConsumerRecord<String, byte[]> record) {
    metrics.replyInvalid(problem.code());
    log.warn("ignoring the reply at {}@{}: {}", partition, record.offset(), problem.message());
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
