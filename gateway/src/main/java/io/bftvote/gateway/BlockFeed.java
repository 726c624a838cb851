package io.bftvote.gateway;

import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of {@code bft.blocks} into live {@code block} events. Every replica publishes each
 * block it commits, so each height arrives up to n times: it is passed on once. Only blocks whose
 * commit certificate holds (2f+1 valid signed commits for the block's digest) are passed on at
 * all; the rest are dropped and counted. The latest few are kept for clients that connect later.
 *
 * <p>Checking a certificate costs 2f+1 signature verifications, so it is done only for someone:
 * while nobody watches blocks, the latest records are kept unchecked, and checked when a watcher
 * comes or {@link #recent()} is asked. A copy of a height already passed on is skipped unread.
 * Thread-safe: the blocks tail calls {@link #accept}, HTTP handlers {@link #recent}.
 */
final class BlockFeed implements Consumer<ConsumerRecord<String, byte[]>> {
  static final int RECENT = 20;
  private static final Logger log = LoggerFactory.getLogger(BlockFeed.class);
  private static final int REMEMBERED_HEIGHTS = 4_096;

  private final Cluster cluster;
  private final GatewayMetrics metrics;
  private final BooleanSupplier watched;
  private final Consumer<BlockSummary> deliver;
  private final SeenKeys<Long> delivered = new SeenKeys<>(REMEMBERED_HEIGHTS);
  private final Deque<BlockSummary> recent = new ArrayDeque<>(RECENT);
  private final Deque<ConsumerRecord<String, byte[]>> unchecked;
  private final int uncheckedLimit;

  /** @param watched whether anyone watches blocks now (callable from any thread) */
  BlockFeed(Cluster cluster, GatewayMetrics metrics, BooleanSupplier watched, Consumer<BlockSummary> deliver) {
    this.cluster = cluster;
    this.metrics = metrics;
    this.watched = watched;
    this.deliver = deliver;
    this.uncheckedLimit = RECENT * cluster.n();
    this.unchecked = new ArrayDeque<>(uncheckedLimit);
  }

  /** Where to start reading: the last RECENT heights, each published by up to n replicas. */
  long startOffset(long endOffset) {
    return endOffset - (long) RECENT * cluster.n();
  }

  @Override
  public synchronized void accept(ConsumerRecord<String, byte[]> record) {
    if (!watched.getAsBoolean()) {
      keepUnchecked(record);
      return;
    }
    checkKept(true);
    check(record, true);
  }

  /** The latest certified blocks, oldest first; checks what arrived while nobody watched. */
  synchronized List<BlockSummary> recent() {
    checkKept(false);
    return List.copyOf(recent);
  }

  private void keepUnchecked(ConsumerRecord<String, byte[]> record) {
    if (unchecked.size() == uncheckedLimit) {
      unchecked.removeFirst();
    }
    unchecked.addLast(record);
  }

  private void checkKept(boolean deliverThem) {
    while (!unchecked.isEmpty()) {
      check(unchecked.removeFirst(), deliverThem);
    }
  }

  private void check(ConsumerRecord<String, byte[]> record, boolean deliverIt) {
    if (isShownHeight(record.key())) {
      return; // another replica's copy of a height already passed on; not even parsed
    }
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
      return; // a copy whose key did not say its height
    }
    BlockSummary summary = BlockSummary.of(block);
    remember(summary);
    metrics.blockCertified();
    if (deliverIt) {
      deliver.accept(summary);
    }
  }

  /**
   * The key is the height (DESIGN.md). Anyone may write a key, but trusting it here can only skip
   * a record for a height whose block is already shown: it never shows an unchecked block.
   */
  private boolean isShownHeight(String key) {
    try {
      return key != null && delivered.contains(Long.parseLong(key));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Why the certificate does not prove the block committed; a malformed one (nulls inside) proves nothing. */
  private String certificateProblem(CertifiedBlock certified) {
    try {
      return certified.certificateProblem(cluster);
    } catch (RuntimeException malformed) {
      return "the certificate is malformed: " + malformed;
    }
  }

  private void remember(BlockSummary summary) {
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
