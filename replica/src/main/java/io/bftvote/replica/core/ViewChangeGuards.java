package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * When a VIEW-CHANGE or NEW-VIEW is valid (PBFT §4.4), one named check per rule, each returning
 * the {@link Reason} it refuses for, or null. Every message they quote is checked too, signature
 * included: a replica relies on what a view-change says only if it could have checked each
 * quoted message itself.
 */
final class ViewChangeGuards {
  private final PbftConfig config;
  private final QuorumRule quorum;
  private final Verifier verifier;

  ViewChangeGuards(PbftConfig config, QuorumRule quorum, Verifier verifier) {
    this.config = config;
    this.quorum = quorum;
    this.verifier = verifier;
  }

  /** Why this view-change is not valid, or null. */
  String viewChangeProblem(ViewChange vc) {
    String problem = checkpointProblem(vc.checkpoint().sequence(), vc.checkpoint().proof());
    if (problem != null) {
      return problem;
    }
    Set<Long> sequences = new HashSet<>();
    for (PreparedCertificate certificate : vc.prepared()) {
      if (!sequences.add(certificate.sequence())) {
        return Reason.INVALID_PREPARED_CERTIFICATE; // one certificate per sequence
      }
      problem = certificateProblem(certificate, vc.view(), vc.checkpoint().sequence());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /**
   * §4.3: 2f+1 signed checkpoints from distinct replicas for the same state at {@code sequence}.
   * The genesis state (sequence 0) needs none.
   */
  String checkpointProblem(long sequence, List<ConsensusMessage> proof) {
    if (sequence == 0 && proof.isEmpty()) {
      return null;
    }
    if (proof.size() < quorum.checkpoints()) {
      return Reason.UNPROVEN_CHECKPOINT;
    }
    Set<Integer> senders = new HashSet<>();
    String digest = proof.get(0).digest();
    for (ConsensusMessage checkpoint : proof) {
      boolean matches = checkpoint.phase() == Phase.CHECKPOINT && checkpoint.sequence() == sequence
          && digest.equals(checkpoint.digest()) && config.cluster().isReplica(checkpoint.sender());
      if (!matches || !senders.add(checkpoint.sender()) || !verifier.verifies(checkpoint)) {
        return Reason.UNPROVEN_CHECKPOINT;
      }
    }
    return null;
  }

  /**
   * An element of P: a pre-prepare from the primary of its (earlier) view for a sequence inside
   * the sender's watermarks, and 2f matching prepares from distinct backups. The pre-prepare names
   * its batch by digest only (see {@link ViewChange}): 2f+1 replicas signed that digest, so at least
   * f+1 honest ones checked and hold the batch it stands for.
   */
  private String certificateProblem(PreparedCertificate certificate, long newView, long low) {
    ConsensusMessage pp = certificate.prePrepare();
    boolean prePrepareHolds = pp.phase() == Phase.PRE_PREPARE && pp.view() < newView && pp.view() >= 0
        && pp.sender() == config.primary(pp.view()) && pp.sequence() > low
        && pp.sequence() <= low + config.watermarkWindow() && verifier.verifies(pp);
    if (!prePrepareHolds) {
      return Reason.INVALID_PREPARED_CERTIFICATE;
    }
    Set<Integer> senders = new HashSet<>();
    for (ConsensusMessage prepare : certificate.prepares()) {
      boolean matches = prepare.phase() == Phase.PREPARE && prepare.view() == pp.view()
          && prepare.sequence() == pp.sequence() && pp.digest().equals(prepare.digest())
          && config.cluster().isReplica(prepare.sender()) && prepare.sender() != pp.sender();
      if (!matches || !senders.add(prepare.sender()) || !verifier.verifies(prepare)) {
        return Reason.INVALID_PREPARED_CERTIFICATE;
      }
    }
    return senders.size() >= quorum.prepares() ? null : Reason.INVALID_PREPARED_CERTIFICATE;
  }

  /**
   * Why this new-view is not valid, or null. On success {@code decoded} holds its view-changes.
   * {@code known} gives the view-changes this replica already decoded and checked (null for
   * others): they are neither verified nor decoded again.
   */
  String newViewProblem(NewView nv, Function<ConsensusMessage, ViewChange> known, List<ViewChange> decoded) {
    ConsensusMessage signed = nv.signed();
    if (signed.sender() != config.primary(signed.view())) {
      return Reason.NOT_PRIMARY;
    }
    List<ViewChange> viewChanges = new ArrayList<>();
    Set<Integer> senders = new HashSet<>();
    for (ConsensusMessage m : nv.viewChanges()) {
      ViewChange vc = known.apply(m);
      boolean quotable = m.phase() == Phase.VIEW_CHANGE && m.view() == signed.view()
          && senders.add(m.sender()) && (vc != null || verifier.verifies(m));
      if (!quotable) {
        return Reason.INVALID_VIEW_CHANGE;
      }
      if (vc == null) {
        try {
          vc = ViewChange.decode(m, (int) config.watermarkWindow(), config.cluster().n());
        } catch (Payloads.Malformed e) {
          return Reason.INVALID_VIEW_CHANGE;
        }
        if (viewChangeProblem(vc) != null) {
          return Reason.INVALID_VIEW_CHANGE;
        }
      }
      viewChanges.add(vc);
    }
    if (viewChanges.size() < quorum.viewChanges()) {
      return Reason.TOO_FEW_VIEW_CHANGES;
    }
    String problem = reproposalProblem(nv, NewViewPlan.from(viewChanges));
    if (problem == null) {
      decoded.addAll(viewChanges);
    }
    return problem;
  }

  /** O must be exactly what V implies: same start, same sequences, same digests, signed by the primary. */
  private String reproposalProblem(NewView nv, NewViewPlan plan) {
    ConsensusMessage signed = nv.signed();
    if (signed.sequence() != plan.checkpoint().sequence() || nv.prePrepares().size() != plan.reproposals().size()) {
      return Reason.WRONG_REPROPOSALS;
    }
    for (int i = 0; i < nv.prePrepares().size(); i++) {
      ConsensusMessage pp = nv.prePrepares().get(i);
      NewViewPlan.Reproposal expected = plan.reproposals().get(i);
      boolean matches = pp.phase() == Phase.PRE_PREPARE && pp.view() == signed.view()
          && pp.sender() == signed.sender() && pp.sequence() == expected.sequence()
          && expected.digest().equals(pp.digest()) && verifier.verifies(pp);
      if (!matches) {
        return Reason.WRONG_REPROPOSALS;
      }
    }
    return null;
  }
}
