package io.bftvote.replica.sim;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Block;
import io.bftvote.topics.Elections;
import io.bftvote.topics.LedgerRules;
import io.bftvote.topics.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replicated state machine of one simulated replica, in memory: the same {@link LedgerRules}
 * and the same hash-chained {@link Block}s as the real ledger, without the disk. It survives a
 * simulated crash, as the real ledger's fsynced file does.
 */
final class SimLedger implements LedgerRules.History {
  private final Elections elections;
  private final List<Block> chain = new ArrayList<>();
  private final Set<String> executed = new HashSet<>();
  private final Set<String> voted = new HashSet<>();

  SimLedger(Block genesis, Elections elections) {
    this.elections = elections;
    chain.add(genesis);
  }

  long height() {
    return chain.size() - 1;
  }

  String head() {
    return chain.get(chain.size() - 1).hash();
  }

  Block block(long height) {
    return chain.get((int) height);
  }

  /** Executes the batch committed at the next height and returns the new block. */
  Block execute(long sequence, List<Ballot> batch) {
    if (sequence != height() + 1) {
      throw new IllegalArgumentException("ledger at height " + height() + " cannot execute sequence " + sequence);
    }
    List<String> outcomes = new ArrayList<>(batch.size());
    for (Ballot ballot : batch) {
      Outcome outcome = LedgerRules.decide(ballot, elections, this);
      outcomes.add(outcome.code());
      executed.add(ballot.requestId());
      if (outcome == Outcome.ACCEPTED) {
        voted.add(ballot.election() + '\n' + ballot.voter());
      }
    }
    Block block = Block.create(sequence, head(), BatchDigest.of(batch), batch, outcomes);
    chain.add(block);
    return block;
  }

  @Override
  public boolean hasExecuted(String requestId) {
    return executed.contains(requestId);
  }

  @Override
  public boolean hasVoted(String election, String voter) {
    return voted.contains(election + '\n' + voter);
  }
}
