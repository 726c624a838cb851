package io.bftvote.replica.sim;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.HashSet;
import java.util.Set;

/**
 * The checks the real adapter makes before anything reaches the core, with the simulation's
 * signatures: a message must be signed by the replica it names (so a forged sender is dropped
 * here, as on Kafka), a pre-prepare may hold only validly signed ballots, and a block from the
 * blocks topic must carry a valid commit certificate for exactly its batch.
 */
final class SimEdge {
  static final String BAD_SIGNATURE = "bad-signature";
  static final String INVALID_BALLOT = "invalid-ballot";
  static final String BAD_CERTIFICATE = "bad-certificate";

  private final SimKeys keys;
  private final Cluster cluster;

  SimEdge(SimKeys keys) {
    this.keys = keys;
    this.cluster = keys.cluster();
  }

  /** Why a consensus message must be dropped, or null. */
  String messageProblem(ConsensusMessage m) {
    if (!keys.verifies(m)) return BAD_SIGNATURE;
    if (m.phase() == Phase.PRE_PREPARE && m.batch() != null) {
      for (Ballot ballot : m.batch()) {
        if (ballot == null || !keys.verifies(ballot)) return INVALID_BALLOT;
      }
    }
    return null;
  }

  /** Why a request must be dropped, or null. */
  String requestProblem(Ballot ballot) {
    return keys.verifies(ballot) ? null : INVALID_BALLOT;
  }

  /** {@link CertifiedBlock#certificateProblem}, with the simulation's signatures. */
  String blockProblem(CertifiedBlock certified) {
    var block = certified.block();
    if (block == null || block.height() < 1) return BAD_CERTIFICATE;
    if (!block.digest().equals(BatchDigest.of(block.ballots()))) return BAD_CERTIFICATE;
    for (Ballot ballot : block.ballots()) {
      if (!keys.verifies(ballot)) return INVALID_BALLOT;
    }
    if (certified.certificate().size() < cluster.quorum()) return BAD_CERTIFICATE;
    Set<Integer> senders = new HashSet<>();
    long view = certified.certificate().get(0).view();
    for (ConsensusMessage commit : certified.certificate()) {
      boolean matches = commit.phase() == Phase.COMMIT && commit.view() == view
          && commit.sequence() == block.height() && block.digest().equals(commit.digest());
      if (!matches || !senders.add(commit.sender()) || !keys.verifies(commit)) return BAD_CERTIFICATE;
    }
    return null;
  }
}
