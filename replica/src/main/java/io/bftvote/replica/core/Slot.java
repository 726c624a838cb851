package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * The log entry for one sequence number in the current view: the pre-prepare, the prepares and
 * the commits, and the predicates of PBFT §4.2 over them. Prepares and commits may arrive before
 * the pre-prepare; they wait here and count once it arrives.
 */
final class Slot {
  private final long sequence;
  private final int quorum;
  private final Votes prepares = new Votes();
  private final Votes commits = new Votes();
  private ConsensusMessage prePrepare;

  Slot(long sequence, int quorum) {
    this.sequence = sequence;
    this.quorum = quorum;
  }

  long sequence() {
    return sequence;
  }

  ConsensusMessage prePrepare() {
    return prePrepare;
  }

  /** Records the accepted pre-prepare. The first one stands (callers refuse conflicting ones). */
  void acceptPrePrepare(ConsensusMessage message) {
    if (prePrepare != null) {
      throw new IllegalStateException("sequence " + sequence + " already has " + prePrepare);
    }
    prePrepare = message;
  }

  Votes.Added addPrepare(ConsensusMessage prepare) {
    return prepares.add(prepare);
  }

  Votes.Added addCommit(ConsensusMessage commit) {
    return commits.add(commit);
  }

  ConsensusMessage prepareFrom(int replica) {
    return prepares.from(replica);
  }

  ConsensusMessage commitFrom(int replica) {
    return commits.from(replica);
  }

  /**
   * The digest this replica is bound to at this sequence: the accepted pre-prepare's, or else the
   * one it already signed a prepare or commit for (after a restart the pre-prepare itself may not
   * be back yet). Null if it is bound to nothing.
   */
  String boundDigest(int self) {
    if (prePrepare != null) return prePrepare.digest();
    if (prepares.from(self) != null) return prepares.from(self).digest();
    if (commits.from(self) != null) return commits.from(self).digest();
    return null;
  }

  /**
   * prepared(m, v, n, i): the pre-prepare and 2f prepares matching it from distinct backups. The
   * primary's own prepare, should a faulty primary send one, does not count: its pre-prepare is
   * already its vote.
   */
  boolean prepared() {
    return prePrepare != null
        && prepares.countExcept(prePrepare.digest(), prePrepare.sender()) >= quorum - 1;
  }

  /** committed-local(m, v, n, i): prepared, and 2f+1 matching commits from distinct replicas. */
  boolean committedLocal() {
    return prepared() && commits.count(prePrepare.digest()) >= quorum;
  }

  /** The commit certificate: exactly 2f+1 matching commits, by ascending sender id. */
  List<ConsensusMessage> certificate() {
    if (!committedLocal()) {
      throw new IllegalStateException("sequence " + sequence + " is not committed-local");
    }
    return commits.matching(prePrepare.digest(), quorum);
  }
}
