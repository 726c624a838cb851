package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;

/** What the core asks its adapter to do. */
public sealed interface Action {
  /**
   * Send a message this replica signed to every replica. The adapter writes it to its
   * write-ahead log (fsync) before publishing, so that after a crash the replica re-sends exactly
   * what it signed and never signs a conflicting message.
   */
  record Broadcast(ConsensusMessage signed) implements Action {}

  /**
   * Write the primary's pre-prepare this replica just accepted, batch included, to the
   * write-ahead log; never publish it (the primary signed it, not this replica). It comes just
   * before the PREPARE that accepting it produced, so it is durable no later than that prepare is
   * published. Why: a VIEW-CHANGE names a prepared batch by digest only, so after a restart this
   * replica must still hold the batch behind every pre-prepare it vouched for, even if every
   * replica restarted before anyone executed it ({@link Event.Restored#accepted} brings it back).
   * The core asks rather than writes, because it is pure: persistence belongs to the adapter.
   */
  record LogAccepted(ConsensusMessage prePrepare) implements Action {
    public LogAccepted {
      if (prePrepare == null || prePrepare.phase() != Phase.PRE_PREPARE
          || prePrepare.batch() == null) {
        throw new IllegalArgumentException("only a pre-prepare with its batch is logged as accepted, got " + prePrepare);
      }
    }
  }

  /**
   * Sequence {@code sequence} is committed-local (PBFT §4.2): execute its batch. Emitted strictly
   * in sequence order and once per sequence. {@code certificate} is exactly 2f+1 signed commits
   * for (view, sequence, digest) from distinct replicas, ordered by sender id.
   */
  record Execute(long sequence, long view, List<Ballot> batch, String digest,
                 List<ConsensusMessage> certificate) implements Action {
    public Execute {
      batch = List.copyOf(batch);
      certificate = List.copyOf(certificate);
    }
  }

  /**
   * An input was refused and changed nothing. {@code reason} is a short metric label such as
   * "wrong-view". {@code message} is the refused consensus message, or null when the refused
   * input was a client request (reason {@code "request-queue-full"}).
   */
  record Rejected(ConsensusMessage message, String reason) implements Action {}

  /**
   * A checkpoint became stable (PBFT §4.3): 2f+1 replicas signed the same ledger head at
   * {@code sequence}. The log below it is gone; the adapter persists {@code proof} so a restart
   * can prove it again, and reports {@code sequence} as {@code stableCheckpoint} in /status.
   */
  record CheckpointStable(long sequence, String digest, List<ConsensusMessage> proof) implements Action {
    public CheckpointStable {
      proof = List.copyOf(proof);
    }
  }

  /**
   * This replica left view {@code from} and is changing to view {@code to} (PBFT §4.4), because
   * of {@code cause}, such as "primary 0 silent for 2000 ms". The adapter logs it.
   */
  record ViewChanging(long from, long to, String cause) implements Action {}

  /**
   * A new view is installed: its NEW-VIEW was valid, and {@code reproposed} sequences from the
   * previous views go through the protocol again under the new primary. {@code awaitingBatch} of
   * them name a batch this replica never accepted: it votes on them all the same, and executes
   * them from the certified blocks of replicas that have the batch. The adapter logs it.
   */
  record ViewInstalled(long view, int primary, int reproposed, int awaitingBatch) implements Action {}
}
