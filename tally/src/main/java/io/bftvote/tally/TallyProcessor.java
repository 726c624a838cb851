package io.bftvote.tally;

import io.bftvote.tally.BlockExecutor.Execution;
import io.bftvote.tally.BlockVerifier.Certified;
import io.bftvote.tally.BlockVerifier.Refused;
import io.bftvote.tally.BlockVerifier.Verdict;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Elections;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each committed block exactly once, in height order. Every replica publishes every block,
 * so each height arrives several times; the first certified copy at the next height is executed
 * and later copies are redundant. A certified block above the next height waits in the pending
 * store until the heights below it are counted.
 *
 * <p>The record key (the height as text) is not signed by anyone, so it never decides what is
 * counted: the certificate binds the block's own height. It only lets a copy of a height already
 * counted or waiting be skipped unparsed (a parse and 2f+1 signature checks per copy, n copies per
 * height). A replica that mislabels its records can only make the tally skip its own records;
 * the f+1 honest replicas' copies carry their true height.
 */
final class TallyProcessor implements Processor<String, byte[], Void, Void> {
  /**
   * How far above the next height a certified block may wait. Honest replicas publish blocks in
   * height order on one partition, so real gaps are short (a lagging publisher); certificates
   * cannot be forged, so only real future blocks ever wait. The bound caps the pending store's size
   * if that reasoning is ever wrong.
   */
  static final long PENDING_WINDOW = 4096;
  private static final Logger log = LoggerFactory.getLogger(TallyProcessor.class);

  private final BlockVerifier verifier;
  private final Elections elections;
  private final TallyMetrics metrics;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, Long> progress;
  private KeyValueStore<Long, CertifiedBlock> pending;
  private BlockExecutor executor;

  TallyProcessor(BlockVerifier verifier, Elections elections, TallyMetrics metrics) {
    this.verifier = verifier;
    this.elections = elections;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    progress = context.getStateStore(TallyStores.PROGRESS);
    pending = context.getStateStore(TallyStores.PENDING);
    executor = new BlockExecutor(elections, context.getStateStore(TallyStores.VOTED),
        context.getStateStore(TallyStores.COUNTS));
    metrics.resumedAt(nextHeight() - 1);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (isKnownHeight(record.key())) {
      metrics.redundant();
      return;
    }
    Verdict verdict = verifier.verify(record.value());
    if (verdict instanceof Refused refused) {
      refuse(refused.reason(), refused.detail());
    } else if (verdict instanceof Certified certified) {
      admit(certified.block());
    }
  }

  private boolean isKnownHeight(String key) {
    long height;
    try {
      height = key == null ? -1 : Long.parseLong(key);
    } catch (NumberFormatException e) {
      return false; // looked at closer: the block inside says what it is
    }
    return height >= 0 && (height < nextHeight() || pending.get(height) != null);
  }

  private void admit(CertifiedBlock certified) {
    long height = certified.block().height();
    long next = nextHeight();
    if (height < next) {
      metrics.redundant();
      log.debug("Ignoring another copy of block {} at {}: already counted", height, origin());
    } else if (height == next) {
      count(certified);
      countWaitingBlocks();
    } else {
      holdUntilGapFills(certified, next);
    }
  }

  private void holdUntilGapFills(CertifiedBlock certified, long next) {
    long height = certified.block().height();
    if (height - next >= PENDING_WINDOW) {
      refuse(Refusal.BEYOND_WINDOW, "certified block " + height + " is " + (height - next)
          + " heights above the next block to count (" + next + "); at most " + PENDING_WINDOW
          + " may wait, so the tally will stop at that height until block " + height + " is published again");
    } else if (pending.get(height) != null) {
      metrics.redundant();
      log.debug("Ignoring another copy of block {} at {}: already waiting", height, origin());
    } else {
      pending.put(height, certified);
      metrics.buffered();
      log.info("Block {} arrived before block {} at {}; holding it until the heights below are counted",
          height, next, origin());
    }
  }

  /** Drains the pending store for as long as it holds the next height. */
  private void countWaitingBlocks() {
    for (long next = nextHeight(); ; next = nextHeight()) {
      CertifiedBlock waiting = pending.get(next);
      if (waiting == null) {
        return;
      }
      pending.delete(next);
      count(waiting);
    }
  }

  private void count(CertifiedBlock certified) {
    long height = certified.block().height();
    Execution execution = executor.execute(certified.block());
    progress.put(TallyStores.NEXT_HEIGHT, height + 1);
    metrics.counted(height, execution.ballotsCounted());
    if (execution.disagreement() != null) {
      metrics.outcomesDisagreed();
      log.warn("Block {} (copy from {}) carries outcomes that the ledger rules do not reproduce: {}. "
          + "Outcomes are not covered by the commit certificate; counted by re-execution",
          height, origin(), execution.disagreement());
    }
    log.debug("Counted block {}: {} of {} ballots accepted", height, execution.ballotsCounted(),
        certified.block().ballots().size());
  }

  private void refuse(Refusal reason, String detail) {
    metrics.refused(reason);
    log.warn("Refused record at {} ({}): {}", origin(), reason.tag(), detail);
  }

  private long nextHeight() {
    Long next = progress.get(TallyStores.NEXT_HEIGHT);
    return next == null ? TallyStores.FIRST_HEIGHT : next;
  }

  /** Where the record being processed came from, so an operator can find it on the topic. */
  private String origin() {
    return context.recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("an unknown offset");
  }
}
