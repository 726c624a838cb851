package io.bftvote.replica.core;

import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How a new view starts, computed from V alone (PBFT §4.4), so the new primary and every backup
 * get the same answer: the new view starts from min-s, the latest stable checkpoint in V; every
 * sequence n in (min-s, max-s] is proposed again with the digest of the prepared certificate for
 * n from the highest view in V, or as a null request (an empty batch, an empty block) if none
 * prepared it. This is what carries a request that may have committed into the new view.
 *
 * @param checkpoint the stable checkpoint at min-s, with its proof
 * @param reproposals one per sequence in (min-s, max-s], in order
 */
record NewViewPlan(StableCheckpoint checkpoint, List<Reproposal> reproposals) {
  /** The digest of a null request. */
  static final String NULL_DIGEST = BatchDigest.of(List.of());

  /** Sequence n proposed again with digest d; the batch behind d comes from {@link Batches}. */
  record Reproposal(long sequence, String digest) {
    boolean isNullRequest() {
      return NULL_DIGEST.equals(digest);
    }
  }

  NewViewPlan {
    reproposals = List.copyOf(reproposals);
  }

  static NewViewPlan from(List<ViewChange> viewChanges) {
    StableCheckpoint start = StableCheckpoint.GENESIS;
    for (ViewChange vc : viewChanges) {
      if (vc.checkpoint().sequence() > start.sequence()) {
        start = vc.checkpoint();
      }
    }
    NavigableMap<Long, PreparedCertificate> best = new TreeMap<>();
    for (ViewChange vc : viewChanges) {
      for (PreparedCertificate certificate : vc.prepared()) {
        if (certificate.sequence() > start.sequence()) {
          best.merge(certificate.sequence(), certificate, NewViewPlan::later);
        }
      }
    }
    List<Reproposal> reproposals = new ArrayList<>();
    long maxSequence = best.isEmpty() ? start.sequence() : best.lastKey();
    for (long n = start.sequence() + 1; n <= maxSequence; n++) {
      PreparedCertificate certificate = best.get(n);
      reproposals.add(new Reproposal(n, certificate == null ? NULL_DIGEST : certificate.digest()));
    }
    return new NewViewPlan(start, reproposals);
  }

  /**
   * The certificate from the later view wins. Two certificates from one view with different
   * digests cannot both hold with at most f faulty replicas; should they, the smaller digest
   * wins, so every replica still computes the same plan.
   */
  private static PreparedCertificate later(PreparedCertificate a, PreparedCertificate b) {
    if (a.view() != b.view()) {
      return a.view() > b.view() ? a : b;
    }
    return a.digest().compareTo(b.digest()) <= 0 ? a : b;
  }

  long maxSequence() {
    return reproposals.isEmpty() ? checkpoint.sequence() : reproposals.get(reproposals.size() - 1).sequence();
  }

  /** The new primary's pre-prepares for O, without batches. */
  List<ConsensusMessage> prePrepares(long view, int primary, Signer signer) {
    List<ConsensusMessage> prePrepares = new ArrayList<>(reproposals.size());
    for (Reproposal r : reproposals) {
      prePrepares.add(signer.sign(ConsensusMessage.of(Phase.PRE_PREPARE, view, r.sequence(), r.digest(), primary)));
    }
    return prePrepares;
  }
}
