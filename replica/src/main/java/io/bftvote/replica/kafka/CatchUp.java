package io.bftvote.replica.kafka;

import io.bftvote.replica.ledger.ExecutedBlock;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.topics.CertifiedBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State transfer from {@code bft.blocks}: a lagging replica executes blocks that others proved
 * committed (the certificate was checked at the edge) in exact height order. Blocks that arrive
 * ahead of a gap wait here, a bounded few; a block far ahead is dropped and comes again from
 * another replica's copy or the next restart.
 *
 * <p>The certificate covers the batch, not the outcomes or the previous hash, so the ledger
 * re-executes the batch itself; a published block whose hash differs only proves its publisher
 * executed differently, and is logged.
 */
final class CatchUp {
  static final int WAITING_LIMIT = 256;
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
  private final Ledger ledger;
  private final TreeMap<Long, CertifiedBlock> waiting = new TreeMap<>();
  private final FirstTimeLog firstMismatch = new FirstTimeLog();

  CatchUp(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Takes a verified block; returns the blocks that the ledger executed because of it, in order. */
  List<ExecutedBlock> offer(CertifiedBlock certified) {
    long height = certified.block().height();
    if (height <= ledger.height()) {
      return List.of();
    }
    waiting.putIfAbsent(height, certified);
    if (waiting.size() > WAITING_LIMIT) {
      waiting.pollLastEntry();
    }
    return drain();
  }

  /**
   * The ledger reached {@code height} by this replica's own commit: forgets the waiting blocks up
   * to it and executes those now next in line. A block that came ahead of a gap the replica then
   * filled itself would otherwise wait for yet another block, which may never come (a replica
   * alone in a view change commits nothing more, and relies on these blocks to keep up).
   */
  List<ExecutedBlock> executedUpTo(long height) {
    waiting.headMap(height, true).clear();
    return drain();
  }

  private List<ExecutedBlock> drain() {
    List<ExecutedBlock> executed = new ArrayList<>();
    waiting.headMap(ledger.height(), true).clear();
    while (!waiting.isEmpty() && waiting.firstKey() == ledger.height() + 1) {
      executed.add(execute(waiting.pollFirstEntry().getValue()));
    }
    return executed;
  }

  private ExecutedBlock execute(CertifiedBlock certified) {
    ExecutedBlock executed = ledger.execute(certified.block().height(), certified.block().ballots(),
        certified.certificate());
    String ours = executed.certified().block().hash();
    if (!ours.equals(certified.block().hash()) && firstMismatch.firstTime("hash")) {
      log.warn("block {} from bft.blocks claims hash {} but executing its certified batch gives {}: its publisher "
          + "executed differently (our own result stands; further mismatches are not logged)",
          certified.block().height(), certified.block().hash(), ours);
    }
    return executed;
  }
}
