package io.bftvote.replica.ledger;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's ledger: the hash chain of executed blocks from {@link Block#genesis}, kept in
 * {@code blocks.jsonl} (one {@link StoredBlock} per line), and the state the ledger rules need,
 * rebuilt on open by re-executing every block.
 *
 * <p>{@link #execute} appends a block without waiting for the disk; it is durable once a later
 * {@link #sync()} returns, which the replica does on its durability thread, so that the event loop
 * goes on executing while the disk catches up. Nothing that describes a block (the block itself, a
 * reply, the admin API) may leave the replica before {@link #durableHeight()} covers it.
 *
 * <p>One thread executes (the replica's event loop); one other may {@link #sync()}.
 * {@link #height()}, {@link #head()}, {@link #durableHeight()} and {@link #block(long)} may be
 * called from any thread. The ledger trusts its caller to execute only committed batches of
 * verified ballots: checking certificates is the caller's job.
 */
public final class Ledger implements AutoCloseable, Syncable {
  public static final String BLOCKS_FILE = "blocks.jsonl";
  /** Requests waiting unexecuted that the resume point remembers; see {@link RequestOffsets}. */
  static final int RESUME_TRACKING_LIMIT = 200_000;
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  private final Block genesis;
  private final LedgerState state;
  private final BlockIndex index = new BlockIndex();
  private final LineLog file;
  private final RequestOffsets requests;
  private volatile Block head;
  /** The last block known to be on the disk: set after a sync that began with it appended. */
  private volatile Block durable;

  private Ledger(Path dataDir, Elections elections, Cluster cluster) {
    this.genesis = Block.genesis(elections, cluster);
    this.state = new LedgerState(elections);
    this.head = genesis;
    long[] resumeOffset = {0};
    this.file = LineLog.open(dataDir.resolve(BLOCKS_FILE), (offset, line) -> {
      StoredBlock stored = Json.read(line, StoredBlock.class);
      replay(stored.block());
      index.add(offset, offset + line.length + 1);
      resumeOffset[0] = stored.requestsResumeOffset();
    });
    this.requests = new RequestOffsets(resumeOffset[0], RESUME_TRACKING_LIMIT);
    this.durable = head; // LineLog.open forced what it replayed
  }

  /** Opens the ledger in {@code dataDir} (creating it), replaying and re-checking every block. */
  public static Ledger open(Path dataDir, Elections elections, Cluster cluster) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the ledger directory " + dataDir + ": " + e.getMessage(), e);
    }
    Ledger ledger = new Ledger(dataDir, elections, cluster);
    log.info("ledger {} opened at height {}, head {}", dataDir, ledger.height(), ledger.head());
    return ledger;
  }

  /**
   * Executes the committed batch at {@code sequence}, which must be the next height: applies the
   * ledger rules to each ballot and appends the block with its certificate. The block is durable
   * once a {@link #sync()} that starts after this returns has returned.
   *
   * @throws IllegalArgumentException if {@code sequence} is not the next height (nothing changes)
   */
  public ExecutedBlock execute(long sequence, List<Ballot> batch, List<ConsensusMessage> certificate) {
    long next = height() + 1;
    if (sequence != next) {
      throw new IllegalArgumentException("cannot execute sequence " + sequence + ": the ledger is at height "
          + height() + " and executes in exact height order, so the next must be " + next);
    }
    List<Outcome> outcomes = state.decide(batch);
    Block block = Block.create(sequence, head.hash(), BatchDigest.of(batch), batch,
        outcomes.stream().map(Outcome::code).toList());
    List<String> requestIds = batch.stream().map(Ballot::requestId).toList();
    StoredBlock stored = new StoredBlock(block, certificate, requests.resumeOffsetOnceExecuted(requestIds));
    byte[] line = Json.write(stored);
    long offset = file.append(line);
    // Only now, with the block written, does the in-memory state move: a failed write changes nothing.
    state.apply(batch, outcomes);
    requests.executed(requestIds);
    index.add(offset, offset + line.length + 1);
    head = block; // after the append: a sync that reads this head covers the block's bytes
    return new ExecutedBlock(stored.certified(), outcomes);
  }

  /** Forces every executed block to the disk; may run on another thread while the event loop executes. */
  @Override
  public void sync() {
    Block covered = head;
    file.sync();
    durable = covered;
  }

  @Override
  public String name() {
    return BLOCKS_FILE;
  }

  /** Height of the last block known to be on the disk: what a crash cannot take back. */
  public long durableHeight() {
    return durable.height();
  }

  /** Hex hash of the block at {@link #durableHeight()}. */
  public String durableHead() {
    return durable.hash();
  }

  /** Height of the last executed block (0 before any). */
  public long height() {
    return head.height();
  }

  /** Hex hash of the last executed block (the genesis hash before any). */
  public String head() {
    return head.hash();
  }

  /** The block at {@code height} with its certificate, read from disk; genesis (no certificate) at 0. */
  public Optional<CertifiedBlock> block(long height) {
    if (height == 0) {
      return Optional.of(new CertifiedBlock(genesis, List.of()));
    }
    long[] where = index.locate(height);
    if (where == null) {
      return Optional.empty();
    }
    return Optional.of(Json.read(file.read(where[0], (int) where[1]), StoredBlock.class).certified());
  }

  /** True if a ballot with this request id is in an executed block. Event-loop thread only. */
  public boolean hasExecuted(String requestId) {
    return state.hasExecuted(requestId);
  }

  /** Where to resume reading {@code bft.requests}; event-loop thread only. */
  public RequestOffsets requests() {
    return requests;
  }

  @Override
  public void close() {
    file.close();
  }

  /** Re-executes one stored block on open; refuses anything this ledger would not have written. */
  private void replay(Block block) {
    long expected = height() + 1;
    if (block.height() != expected) {
      throw new IllegalStateException("holds height " + block.height() + " where height " + expected + " belongs");
    }
    if (!block.previous().equals(head.hash())) {
      throw new IllegalStateException(block.height() == 1
          ? "block 1 does not follow this genesis: the ledger was made with other elections or another cluster"
          : "block " + block.height() + " does not link to block " + height() + " (broken hash chain)");
    }
    if (!block.isSelfConsistent() || !block.digest().equals(BatchDigest.of(block.ballots()))) {
      throw new IllegalStateException("block " + block.height() + " does not match its own hash or digest");
    }
    List<Outcome> outcomes = state.decide(block.ballots());
    if (!block.outcomes().equals(outcomes.stream().map(Outcome::code).toList())) {
      throw new IllegalStateException("re-executing block " + block.height()
          + " gives other outcomes than stored: the elections file changed since it was written");
    }
    state.apply(block.ballots(), outcomes);
    head = block;
  }
}
