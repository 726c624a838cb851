package io.bftvote.replica.kafka;

import io.bftvote.replica.ledger.ExecutedBlock;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyTree;
import io.bftvote.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a replica publishes: its signed consensus messages, the blocks it executed and one
 * reply per executed ballot. A block's replies are hashed into a tree and signed on a helper
 * thread, so that hashing and writing hundreds of replies do not hold up the event loop.
 */
final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final int replica;
  private final Ed25519.KeyPair key;
  private final ThreadPoolExecutor replySigner;
  private final FirstTimeLog firstFailure = new FirstTimeLog();

  Outbox(Producer<String, byte[]> producer, Topics topics, int replica, Ed25519.KeyPair key) {
    this.producer = producer;
    this.topics = topics;
    this.replica = replica;
    this.key = key;
    // Bounded: when signing falls 64 blocks behind, the event loop signs itself and so slows down.
    this.replySigner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), r -> {
      Thread t = new Thread(r, "replica-" + replica + "-replies");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Publishes a message this replica signed (and already wrote to its sent log). */
  void consensus(ConsensusMessage signed) {
    send(topics.consensus(), String.valueOf(signed.sender()), Json.write(signed));
  }

  void block(CertifiedBlock block) {
    send(topics.blocks(), String.valueOf(block.block().height()), Json.write(block));
  }

  /**
   * One reply per ballot, all of a block signed with one signature over their Merkle root; a
   * duplicate's first execution already answered, so it gets none.
   */
  void replies(ExecutedBlock executed) {
    replySigner.execute(() -> {
      List<Reply> replies = new ArrayList<>(executed.ballots().size());
      for (int i = 0; i < executed.ballots().size(); i++) {
        Outcome outcome = executed.outcomes().get(i);
        if (outcome != Outcome.DUPLICATE) {
          replies.add(Reply.of(executed.ballots().get(i).requestId(), outcome, executed.height(), replica));
        }
      }
      for (Reply reply : ReplyTree.sign(replies, key)) {
        send(topics.replies(), reply.requestId(), Json.write(reply));
      }
    });
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value), failureLogger(topic));
  }

  private Callback failureLogger(String topic) {
    return (metadata, error) -> {
      if (error != null && firstFailure.firstTime(topic + error.getClass().getName())) {
        log.error("replica {} could not publish to {}: {} (further failures of this kind are not logged)",
            replica, topic, error.toString());
      }
    };
  }

  @Override
  public void close() {
    replySigner.shutdown();
    try {
      if (!replySigner.awaitTermination(5, TimeUnit.SECONDS)) {
        replySigner.shutdownNow();
      }
    } catch (InterruptedException e) {
      replySigner.shutdownNow();
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
