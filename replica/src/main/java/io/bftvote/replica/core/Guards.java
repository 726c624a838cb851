package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The acceptance rules of PBFT §4.2 and §4.3 for pre-prepares, prepares, commits and
 * checkpoints, one named check per rule. Each check returns the {@link Reason} it refuses a message for, or null if its rule
 * holds; a message is accepted only if every check of its phase passes. Signatures and senders
 * were verified at the edge; these rules are about what a validly signed message says.
 */
final class Guards {
  @FunctionalInterface
  private interface Check {
    String problem(ConsensusMessage message);
  }

  private final PbftConfig config;
  private final MessageLog log;
  private final LongSupplier currentView;

  private final List<Check> prePrepareChecks = List.of(
      this::addressedToThisReplica,
      this::fromPrimaryOfItsView,
      this::inCurrentView,
      this::belowHighWatermark,
      this::carriesBatch,
      this::batchWithinLimit,
      this::digestMatchesBatch,
      this::noRepeatedRequest,
      this::agreesWithWhatThisReplicaIsBoundTo);

  private final List<Check> prepareChecks = List.of(
      this::addressedToThisReplica,
      this::fromReplica,
      this::inCurrentView,
      this::belowHighWatermark,
      this::fromBackup,
      this::carriesDigest);

  private final List<Check> commitChecks = List.of(
      this::addressedToThisReplica,
      this::fromReplica,
      this::inCurrentView,
      this::belowHighWatermark,
      this::carriesDigest);

  private final List<Check> checkpointChecks = List.of(
      this::addressedToThisReplica,
      this::fromReplica,
      this::carriesDigest,
      this::atCheckpointSequence);

  Guards(PbftConfig config, MessageLog log, LongSupplier currentView) {
    this.config = config;
    this.log = log;
    this.currentView = currentView;
  }

  String prePrepareProblem(ConsensusMessage message) {
    return firstProblem(prePrepareChecks, message);
  }

  String prepareProblem(ConsensusMessage message) {
    return firstProblem(prepareChecks, message);
  }

  String commitProblem(ConsensusMessage message) {
    return firstProblem(commitChecks, message);
  }

  String checkpointProblem(ConsensusMessage message) {
    return firstProblem(checkpointChecks, message);
  }

  private static String firstProblem(List<Check> checks, ConsensusMessage message) {
    for (Check check : checks) {
      String problem = check.problem(message);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** Honest replicas broadcast; a message addressed to someone else is not ours to act on. */
  private String addressedToThisReplica(ConsensusMessage m) {
    return m.isFor(config.id()) ? null : Reason.ADDRESSED_ELSEWHERE;
  }

  private String fromReplica(ConsensusMessage m) {
    return config.cluster().isReplica(m.sender()) ? null : Reason.UNKNOWN_SENDER;
  }

  /** §4.2: only the primary of view v assigns sequence numbers in v. */
  private String fromPrimaryOfItsView(ConsensusMessage m) {
    return m.sender() == config.primary(m.view()) ? null : Reason.NOT_PRIMARY;
  }

  /** §4.2: a backup accepts messages for its current view only. */
  private String inCurrentView(ConsensusMessage m) {
    return m.view() == currentView.getAsLong() ? null : Reason.WRONG_VIEW;
  }

  /**
   * §4.2/§4.3: the sequence must lie between the watermarks; this keeps a faulty primary from
   * exhausting the sequence space and bounds the log. Sequences at or below the low watermark
   * never get here: they are late duplicates and are dropped without a word.
   */
  private String belowHighWatermark(ConsensusMessage m) {
    return log.withinWatermarks(m.sequence()) ? null : Reason.OUTSIDE_WATERMARKS;
  }

  /** §4.2: prepared counts 2f prepares from backups; the primary's vote is its pre-prepare. */
  private String fromBackup(ConsensusMessage m) {
    return m.sender() != config.primary(m.view()) ? null : Reason.PREPARE_FROM_PRIMARY;
  }

  private String carriesDigest(ConsensusMessage m) {
    return m.digest() != null ? null : Reason.MISSING_DIGEST;
  }

  /**
   * §4.3: honest replicas sign checkpoints every K sequence numbers only; any other sequence is
   * noise that would only take room in the checkpoint store.
   */
  private String atCheckpointSequence(ConsensusMessage m) {
    return m.sequence() > 0 && m.sequence() % config.checkpointInterval() == 0 ? null : Reason.NOT_A_CHECKPOINT_SEQUENCE;
  }

  private String carriesBatch(ConsensusMessage m) {
    if (m.batch() == null) {
      return Reason.MISSING_BATCH;
    }
    for (Ballot ballot : m.batch()) {
      if (ballot == null) {
        return Reason.MISSING_BATCH;
      }
    }
    return null;
  }

  /** Bounds the work and memory one pre-prepare can cost every replica. */
  private String batchWithinLimit(ConsensusMessage m) {
    return m.batch().size() <= config.maxBatch() ? null : Reason.BATCH_TOO_LARGE;
  }

  /** §4.2: d is the digest of m; otherwise the signed digest would not bind the ballots. */
  private String digestMatchesBatch(ConsensusMessage m) {
    return BatchDigest.of(m.batch()).equals(m.digest()) ? null : Reason.DIGEST_MISMATCH;
  }

  /** One request, one slot: a batch that repeats a request is a faulty primary's padding. */
  private String noRepeatedRequest(ConsensusMessage m) {
    Set<String> ids = new HashSet<>();
    for (Ballot ballot : m.batch()) {
      if (!ids.add(ballot.requestId())) {
        return Reason.DUPLICATE_REQUEST;
      }
    }
    return null;
  }

  /**
   * §4.2: a backup accepts a pre-prepare only if it has not accepted one for the same view and
   * sequence with a different digest (nor, after a restart, signed a prepare or commit for one).
   * The first stands; a second, different one proves the primary faulty.
   */
  private String agreesWithWhatThisReplicaIsBoundTo(ConsensusMessage m) {
    Slot slot = log.find(m.sequence());
    String bound = slot == null ? null : slot.boundDigest(config.id());
    return bound == null || bound.equals(m.digest()) ? null : Reason.CONFLICTING_PRE_PREPARE;
  }
}
