package io.bftvote.tally;

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
 * What an honest replica would commit: blocks in height order, hash-chained, with the outcomes
 * its state machine (request-id set included) produces. Tests then tamper with copies of them.
 */
final class TestLedger {
  private final Elections elections;
  private final Set<String> executed = new HashSet<>();
  private final Set<String> voted = new HashSet<>();
  private long height;
  private String previous = Block.NO_PREVIOUS;

  TestLedger(Elections elections) {
    this.elections = elections;
  }

  /** The next block holding these ballots, with honest outcomes. */
  Block next(Ballot... ballots) {
    List<String> outcomes = new ArrayList<>();
    LedgerRules.History history = new LedgerRules.History() {
      @Override
      public boolean hasExecuted(String requestId) {
        return executed.contains(requestId);
      }

      @Override
      public boolean hasVoted(String election, String voter) {
        return voted.contains(election + "|" + voter);
      }
    };
    for (Ballot ballot : ballots) {
      Outcome outcome = LedgerRules.decide(ballot, elections, history);
      executed.add(ballot.requestId());
      if (outcome == Outcome.ACCEPTED) {
        voted.add(ballot.election() + "|" + ballot.voter());
      }
      outcomes.add(outcome.code());
    }
    Block block = Block.create(++height, previous, BatchDigest.of(List.of(ballots)), List.of(ballots), outcomes);
    previous = block.hash();
    return block;
  }

  /** A block at any height, outcomes as given: what a lying or far-ahead publisher could send. */
  static Block at(long height, List<Ballot> ballots, List<String> outcomes) {
    return Block.create(height, Block.NO_PREVIOUS, BatchDigest.of(ballots), ballots, outcomes);
  }
}
