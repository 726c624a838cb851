package io.bftvote.gateway;

import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of {@code bft.blocks} into live {@code block} events. Every replica publishes each
 * block it commits, so each height arrives up to n times: it is passed on once. Only blocks whose
 * commit certificate holds (2f+1 valid signed commits for the block's digest) are passed on at
 * all; the rest are dropped and counted. The latest few are kept for clients that connect later.
 */
final class BlockFeed implements Consumer<ConsumerRecord<String, byte[]>> {
  static final int RECENT = 20;
  private static final Logger log = LoggerFactory.getLogger(BlockFeed.class);
  private static final int REMEMBERED_HEIGHTS = 4_096;

  private final Cluster cluster;
  private final GatewayMetrics metrics;
  private final Consumer<BlockSummary> deliver;
  private final SeenKeys<Long> delivered = new SeenKeys<>(REMEMBERED_HEIGHTS);
  private final Deque<BlockSummary> recent = new ArrayDeque<>(RECENT);

  BlockFeed(Cluster cluster, GatewayMetrics metrics, Consumer<BlockSummary> deliver) {
    this.cluster = cluster;
    this.metrics = metrics;
    this.deliver = deliver;
  }

  /** Where to start reading: the last RECENT heights, each published by up to n replicas. */
  long startOffset(long endOffset) {
    return endOffset - (long) RECENT * cluster.n();
  }

  @Override
  public void accept(ConsumerRecord<String, byte[]> record) {
    CertifiedBlock certified;
    try {
      certified = Json.read(record.value() == null ? new byte[0] : record.value(), CertifiedBlock.class);
    } catch (Json.MalformedException e) {
      refuse("unreadable", "not a certified block: " + e.getMessage(), record);
      return;
    }
    String problem = certificateProblem(certified);
    if (problem != null) {
      refuse("uncertified", problem, record);
      return;
    }
    Block block = certified.block();
    if (!block.isSelfConsistent()) {
      refuse("inconsistent", "block " + block.height() + "'s hash does not match its contents", record);
      return;
    }
    if (!delivered.firstTime(block.height())) {
      return; // another replica's copy of a height already passed on
    }
    BlockSummary summary = BlockSummary.of(block);
    remember(summary);
    metrics.blockCertified();
    deliver.accept(summary);
  }

  /** Why the certificate does not prove the block committed; a malformed one (nulls inside) proves nothing. */
  private String certificateProblem(CertifiedBlock certified) {
    try {
      return certified.certificateProblem(cluster);
    } catch (RuntimeException malformed) {
      return "the certificate is malformed: " + malformed;
    }
  }

  /** The latest certified blocks, oldest first. */
  synchronized List<BlockSummary> recent() {
    return List.copyOf(recent);
  }

  private synchronized void remember(BlockSummary summary) {
    if (recent.size() == RECENT) {
      recent.removeFirst();
    }
    recent.addLast(summary);
  }

  private void refuse(String reason, String why, ConsumerRecord<String, byte[]> record) {
    metrics.blockRefused(reason);
    log.warn("ignoring the block at {}@{}: {}", record.topic(), record.offset(), why);
  }
}
