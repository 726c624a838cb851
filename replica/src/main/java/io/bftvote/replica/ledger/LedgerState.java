package io.bftvote.replica.ledger;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Elections;
import io.bftvote.topics.LedgerRules;
import io.bftvote.topics.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replicated state the ledger rules read: which request ids were executed, and which voters
 * have an accepted ballot in which election. It is the state machine itself, so it grows with the
 * ledger as any database does; it is not a cache and cannot be trimmed without changing outcomes.
 */
final class LedgerState implements LedgerRules.History {
  private final Elections elections;
  private final Set<String> executed = new HashSet<>();
  private final Set<String> voted = new HashSet<>();

  LedgerState(Elections elections) {
    this.elections = elections;
  }

  @Override
  public boolean hasExecuted(String requestId) {
    return executed.contains(requestId);
  }

  @Override
  public boolean hasVoted(String election, String voter) {
    return voted.contains(votedKey(election, voter));
  }

  /**
   * The outcome of each ballot of a batch executed in order, without changing this state: a later
   * ballot sees the earlier ones of its batch (a second vote in one block is already-voted).
   */
  List<Outcome> decide(List<Ballot> batch) {
    Set<String> batchExecuted = new HashSet<>();
    Set<String> batchVoted = new HashSet<>();
    LedgerRules.History withBatch = new LedgerRules.History() {
      @Override
      public boolean hasExecuted(String requestId) {
        return batchExecuted.contains(requestId) || LedgerState.this.hasExecuted(requestId);
      }

      @Override
      public boolean hasVoted(String election, String voter) {
        return batchVoted.contains(votedKey(election, voter)) || LedgerState.this.hasVoted(election, voter);
      }
    };
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (Ballot ballot : batch) {
      Outcome outcome = LedgerRules.decide(ballot, elections, withBatch);
      outcomes.add(outcome);
      batchExecuted.add(ballot.requestId());
      if (outcome == Outcome.ACCEPTED) {
        batchVoted.add(votedKey(ballot.election(), ballot.voter()));
      }
    }
    return outcomes;
  }

  /** Records a batch and the outcomes {@link #decide} gave it. */
  void apply(List<Ballot> batch, List<Outcome> outcomes) {
    for (int i = 0; i < batch.size(); i++) {
      Ballot ballot = batch.get(i);
      executed.add(ballot.requestId());
      if (outcomes.get(i) == Outcome.ACCEPTED) {
        voted.add(votedKey(ballot.election(), ballot.voter()));
      }
    }
  }

  private static String votedKey(String election, String voter) {
    return election + '\n' + voter;
  }
}
