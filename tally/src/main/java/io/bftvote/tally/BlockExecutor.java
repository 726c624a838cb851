package io.bftvote.tally;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.Elections;
import io.bftvote.topics.LedgerRules;
import io.bftvote.topics.Outcome;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Executes the ballots of a committed block against the tally's own record of who voted, with the
 * same {@link LedgerRules} every replica runs, so the counts follow the replicated state machine
 * and not anyone's word about it. The block's published outcomes are not covered by the commit
 * signatures: they are compared with what execution yields, never used.
 */
final class BlockExecutor {
  /** What executing one block did: how many ballots moved a count, and the first published outcome that lied. */
  record Execution(int ballotsCounted, String disagreement) {}

  private static final String ACCEPTED_CODE = Outcome.ACCEPTED.code();

  private final Elections elections;
  private final KeyValueStore<String, String> voted;
  private final KeyValueStore<String, Long> counts;
  private final LedgerRules.History history = new VotedHistory();

  BlockExecutor(Elections elections, KeyValueStore<String, String> voted, KeyValueStore<String, Long> counts) {
    this.elections = elections;
    this.voted = voted;
    this.counts = counts;
  }

  /** Call once per height, in height order: execution is only deterministic in ledger order. */
  Execution execute(Block block) {
    List<Ballot> ballots = block.ballots();
    int counted = 0;
    String disagreement = block.outcomes().size() == ballots.size() ? null
        : "published " + block.outcomes().size() + " outcomes for " + ballots.size() + " ballots";
    for (int i = 0; i < ballots.size(); i++) {
      Ballot ballot = ballots.get(i);
      Outcome outcome = LedgerRules.decide(ballot, elections, history);
      if (outcome == Outcome.ACCEPTED) {
        count(ballot);
        counted++;
      }
      if (disagreement == null && publishedAccepted(block, i) != (outcome == Outcome.ACCEPTED)) {
        disagreement = "ballot " + i + " (request " + ballot.requestId().substring(0, 12) + ") was published as '"
            + block.outcomes().get(i) + "' but executes as '" + outcome.code() + "'";
      }
    }
    return new Execution(counted, disagreement);
  }

  private void count(Ballot ballot) {
    voted.put(TallyStores.votedKey(ballot.election(), ballot.voter()), ballot.candidate());
    String key = TallyStores.countKey(ballot.election(), ballot.candidate());
    Long before = counts.get(key);
    counts.put(key, before == null ? 1 : before + 1);
  }

  /**
   * Only accepted-or-not is compared: an honest replica marks a re-committed ballot "duplicate"
   * where this executor says "already-voted" or repeats the rejection (see {@link VotedHistory}),
   * and neither moves a count.
   */
  private static boolean publishedAccepted(Block block, int i) {
    return i < block.outcomes().size() && ACCEPTED_CODE.equals(block.outcomes().get(i));
  }

  /**
   * The ledger history as far as counting needs it. It keeps no set of executed request ids,
   * because a re-committed ballot (same request id) cannot change a count without one: a copy of
   * an accepted ballot finds its voter already voted in that election ({@code ALREADY_VOTED}), and
   * a copy of a rejected ballot is rejected again, since elections are fixed at genesis and a
   * voter who has voted stays voted. So only the outcome's name differs from the replicas'
   * {@code DUPLICATE}, and the tally saves an unbounded set.
   */
  private final class VotedHistory implements LedgerRules.History {
    @Override
    public boolean hasExecuted(String requestId) {
      return false;
    }

    @Override
    public boolean hasVoted(String election, String voter) {
      return voted.get(TallyStores.votedKey(election, voter)) != null;
    }
  }
}
