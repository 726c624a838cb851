package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bft.blocks} to catch up: a block above this replica's height whose commit
 * certificate holds (2f+1 valid commits for its digest) and whose ballots all verify goes to the
 * event loop, which executes it in height order. Every replica publishes every block, so copies
 * at or below the height, or of a height already handed on, are skipped by their key, without
 * parsing: under load the other replicas' copies often arrive before this replica has executed
 * the block itself, and checking each of them would cost 2f+1 signatures a copy.
 *
 * <p>At startup it first reads to the end of the topic synchronously, before the replica joins.
 */
final class BlockReader extends TopicReader {
  static final String MALFORMED = "malformed";
  static final String BAD_CERTIFICATE = "bad-certificate";
  static final String INVALID_BALLOT = "invalid-ballot";
  private static final Logger log = LoggerFactory.getLogger(BlockReader.class);

  /** Where verified blocks go. */
  @FunctionalInterface
  interface Sink {
    boolean accept(CertifiedBlock block) throws InterruptedException;
  }

  private final int id;
  private final Cluster cluster;
  private final BallotVerifier verifier;
  private final ReplicaMetrics metrics;
  private final LongSupplier height;
  private final FirstTimeLog firstDrop = new FirstTimeLog();
  /** Heights above ours whose valid copy the loop holds (CatchUp never drops those within its limit). */
  private final TreeSet<Long> delivered = new TreeSet<>();

  BlockReader(int id, Consumer<String, byte[]> consumer, Topics topics, Cluster cluster,
              BallotVerifier verifier, ReplicaMetrics metrics, LongSupplier height) {
    super("replica-" + id + "-blocks", consumer, topics.blocks());
    this.id = id;
    this.cluster = cluster;
    this.verifier = verifier;
    this.metrics = metrics;
    this.height = height;
  }

  /**
   * Reads from the beginning to the end the topic has now, handing each verified block above the
   * height to {@code sink} on this thread. Leaves the consumer positioned for {@link #start}.
   */
  void readToEnd(Sink sink) throws InterruptedException {
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    while (consumer.position(partition) < end) {
      deliver(consumer.poll(Duration.ofMillis(200)), sink);
    }
  }

  @Override
  void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    deliver(records, block -> submit(new Input.BlockArrived(block)));
  }

  private void deliver(ConsumerRecords<String, byte[]> records, Sink sink) throws InterruptedException {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (alreadyHeld(record.key())) {
        continue;
      }
      CertifiedBlock block = verified(record);
      if (block == null) {
        continue;
      }
      if (!sink.accept(block)) {
        return;
      }
      long at = block.block().height();
      if (at <= height.getAsLong() + CatchUp.WAITING_LIMIT) {
        delivered.add(at);
      }
    }
  }

  /**
   * True if the key says this block is one we have, or one whose valid copy the loop already holds
   * (a malformed key is looked at closer).
   */
  private boolean alreadyHeld(String key) {
    if (key == null) {
      return false;
    }
    long keyed;
    try {
      keyed = Long.parseLong(key);
    } catch (NumberFormatException e) {
      return false;
    }
    long ours = height.getAsLong();
    delivered.headSet(ours, true).clear();
    return keyed <= ours || delivered.contains(keyed);
  }

  private CertifiedBlock verified(ConsumerRecord<String, byte[]> record) {
    CertifiedBlock block;
    try {
      block = Json.read(record.value() == null ? new byte[0] : record.value(), CertifiedBlock.class);
    } catch (Json.MalformedException e) {
      return drop(MALFORMED, record.offset(), e.getMessage());
    }
    String problem = block.certificateProblem(cluster);
    if (problem != null) {
      return drop(BAD_CERTIFICATE, record.offset(), problem);
    }
    if (!verifier.allValid(block.block().ballots())) {
      return drop(INVALID_BALLOT, record.offset(), "block " + block.block().height() + " holds a ballot whose "
          + "signature fails, so 2f+1 commits notwithstanding no honest replica could have prepared it");
    }
    return block;
  }

  private CertifiedBlock drop(String reason, long offset, String detail) {
    metrics.dropped(Topics.BLOCKS, reason);
    if (firstDrop.firstTime(reason)) {
      log.warn("replica {} ignored the {} record at offset {}: {} ({}; later ones are only counted in /metrics)",
          id, Topics.BLOCKS, offset, reason, detail);
    }
    return null;
  }
}
