package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Hands ballots to {@code bft.requests}, keyed by voter, the value exactly {@code Json.write(ballot)}.
 * The returned stage completes once the broker acknowledged the write, or fails.
 *
 * <p>{@code Producer.send} may block (up to max.block.ms) while the broker is unreachable, so it
 * runs on a small pool of its own, never on an event loop. The pool's queue is bounded, and a
 * ballot that waited in it longer than {@code staleAfter} is failed unsent: its client has waited
 * too long already and will be told to retry.
 */
final class BallotPublisher implements AutoCloseable {
  static final int QUEUE_LIMIT = 256;
  private static final int SENDERS = 2;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final long staleAfterNanos;
  private final ThreadPoolExecutor senders;

  BallotPublisher(Producer<String, byte[]> producer, String topic, Duration staleAfter) {
    this.producer = producer;
    this.topic = topic;
    this.staleAfterNanos = staleAfter.toNanos();
    this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_LIMIT), r -> {
          Thread t = new Thread(r, "gateway-kafka-send");
          t.setDaemon(true);
          return t;
        });
  }

  CompletionStage<Void> publish(Ballot ballot) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    long queuedAt = System.nanoTime();
    try {
      senders.execute(() -> send(ballot, queuedAt, acked));
    } catch (RejectedExecutionException full) {
      acked.completeExceptionally(new RejectedExecutionException(
          "more than " + QUEUE_LIMIT + " ballots are waiting for the broker"));
    }
    return acked;
  }

  private void send(Ballot ballot, long queuedAt, CompletableFuture<Void> acked) {
    if (System.nanoTime() - queuedAt > staleAfterNanos) {
      acked.completeExceptionally(new TimeoutException("waited too long for a free sender; the broker is slow or down"));
      return;
    }
    try {
      producer.send(new ProducerRecord<>(topic, ballot.voter(), Json.write(ballot)), (metadata, error) -> {
        if (error == null) {
          acked.complete(null);
        } else {
          acked.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e); // closed producer, serialisation or buffer errors
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
