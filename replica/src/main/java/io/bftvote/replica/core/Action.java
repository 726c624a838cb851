package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
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
}
