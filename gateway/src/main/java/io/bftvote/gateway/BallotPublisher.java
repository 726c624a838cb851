package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>{@link #drain} is the graceful half of shutdown: it lets every ballot already taken reach
 * the broker (or fail), so each waiting client gets a true answer before the gateway goes.
 */
final class BallotPublisher implements AutoCloseable {
  static final int QUEUE_LIMIT = 256;
  private static final int SENDERS = 2;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final long staleAfterNanos;
  private final ThreadPoolExecutor senders;
  private final AtomicInteger inFlight = new AtomicInteger();

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
    inFlight.incrementAndGet();
    acked.whenComplete((ok, error) -> inFlight.decrementAndGet());
    try {
      senders.execute(() -> send(ballot, queuedAt, acked));
    } catch (RejectedExecutionException refused) {
      acked.completeExceptionally(new RejectedExecutionException(senders.isShutdown()
          ? "the gateway is shutting down" : "more than " + QUEUE_LIMIT + " ballots are waiting for the broker"));
    }
    return acked;
  }

  /** Ballots taken but not yet acknowledged or failed. */
  int inFlight() {
    return inFlight.get();
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

  /**
   * Takes no new ballots, hands over the queued ones, and waits (up to {@code grace}) until the
   * broker has acknowledged or refused every one of them.
   */
  void drain(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    senders.shutdown();
    if (!senders.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
      return; // the senders are stuck on an absent broker; close() gives up on them
    }
    if (System.nanoTime() < deadline) {
      producer.flush(); // sends everything now, whatever linger.ms says, and waits for the acks
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
