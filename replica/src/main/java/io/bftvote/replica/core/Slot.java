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
  private final QuorumRule quorum;
  private final Votes prepares = new Votes();
  private final Votes commits = new Votes();
  private ConsensusMessage prePrepare;
  /** The digest of the first pre-prepare the primary signed for this slot, whoever it was addressed to. */
  private String primarySigned;

  Slot(long sequence, QuorumRule quorum) {
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
    notePrimarySigned(message);
  }

  /**
   * Notes a pre-prepare the primary signed for this slot, even one addressed to another replica.
   * True if it contradicts one noted before: the primary signed two digests for one (view,
   * sequence), which proves it faulty (PBFT §4.4 lets a backup change view at once).
   */
  boolean notePrimarySigned(ConsensusMessage message) {
    if (primarySigned == null) {
      primarySigned = message.digest();
      return false;
    }
    return !primarySigned.equals(message.digest());
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
        && prepares.countExcept(prePrepare.digest(), prePrepare.sender()) >= quorum.prepares();
  }

  /** committed-local(m, v, n, i): prepared, and 2f+1 matching commits from distinct replicas. */
  boolean committedLocal() {
    return prepared() && commits.count(prePrepare.digest()) >= quorum.commits();
  }

  /** The proof that this slot prepared, for the P set of a view-change (§4.4). */
  PreparedCertificate preparedCertificate() {
    if (!prepared()) {
      throw new IllegalStateException("sequence " + sequence + " is not prepared");
    }
    return new PreparedCertificate(prePrepare,
        prepares.matchingExcept(prePrepare.digest(), prePrepare.sender(), quorum.prepares()));
  }

  /** The commit certificate: exactly 2f+1 matching commits, by ascending sender id. */
  List<ConsensusMessage> certificate() {
    if (!committedLocal()) {
      throw new IllegalStateException("sequence " + sequence + " is not committed-local");
    }
    return commits.matching(prePrepare.digest(), quorum.commits());
  }
}
