package io.bftvote.replica.ledger;

import io.bftvote.replica.keys.KeySet;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Elections;
import io.bftvote.topics.LedgerRules;
import io.bftvote.topics.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replicated state the ledger rules read: which request ids were executed, and which voters
 * have an accepted ballot in which election. It is the state machine itself, so it grows with the
 * ledger as any database does; it is not a cache and cannot be trimmed without changing outcomes.
 *
 * <p>Both are kept as raw 32-byte keys in {@link KeySet}s (a request id is a SHA-256, a voter a
 * public key): 96 to 192 bytes an accepted ballot with the tables' slack, instead of ~310 as sets
 * of strings, and no object per ballot for the garbage collector to trace. The text forms of
 * verified ballots are canonical (lowercase hex; base64url whose last character sets no spare
 * bits), so equal bytes are equal text.
 */
final class LedgerState implements LedgerRules.History {
  private static final int KEY_BYTES = 32;

  private final Elections elections;
  private final KeySet executed = new KeySet(KEY_BYTES);
  /** The voters with an accepted ballot, by election: only configured elections accept one. */
  private final Map<String, KeySet> votersByElection = new HashMap<>();

  LedgerState(Elections elections) {
    this.elections = elections;
  }

  @Override
  public boolean hasExecuted(String requestId) {
    return Ballot.isRequestId(requestId) && executed.contains(Bytes.fromHex(requestId));
  }

  @Override
  public boolean hasVoted(String election, String voter) {
    KeySet voters = votersByElection.get(election);
    return voters != null && voters.contains(Bytes.fromB64url(voter));
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
      executed.add(Bytes.fromHex(ballot.requestId()));
      if (outcomes.get(i) == Outcome.ACCEPTED) {
        votersByElection.computeIfAbsent(ballot.election(), e -> new KeySet(KEY_BYTES)).add(Bytes.fromB64url(ballot.voter()));
      }
    }
  }

  private static String votedKey(String election, String voter) {
    return election + '\n' + voter;
  }
}
