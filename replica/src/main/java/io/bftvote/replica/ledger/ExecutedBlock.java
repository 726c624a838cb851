package io.bftvote.replica.ledger;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Outcome;
import java.util.List;

/** A block the ledger just executed and made durable, with each ballot's outcome in order. */
public record ExecutedBlock(CertifiedBlock certified, List<Outcome> outcomes) {
  public ExecutedBlock {
    outcomes = List.copyOf(outcomes);
  }

  public long height() {
    return certified.block().height();
  }

  public List<Ballot> ballots() {
    return certified.block().ballots();
  }

  public List<String> requestIds() {
    return ballots().stream().map(Ballot::requestId).toList();
  }
}
