package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/** Something that happened to a replica. Time arrives here, never from a clock. */
public sealed interface Event {
  /** Monotonic milliseconds from the adapter (or a simulation's virtual clock). */
  long now();

  /** A client ballot, its signature verified at the edge, not yet executed. */
  record RequestReceived(Ballot ballot, long now) implements Event {
    public RequestReceived {
      if (ballot == null) {
        throw new IllegalArgumentException("a request event needs its ballot");
      }
    }
  }

  /**
   * A consensus message whose signature and sender were verified at the edge (and, for a
   * pre-prepare, every ballot's signature too).
   */
  record MessageReceived(ConsensusMessage message, long now) implements Event {
    public MessageReceived {
      if (message == null) {
        throw new IllegalArgumentException("a message event needs its message");
      }
    }
  }

  /**
   * A pre-prepare the edge refused because a ballot in it fails its signature check, though the
   * primary signed its digest: it never reaches the log, but it tells why nothing executes, so a
   * view change can say so instead of calling the primary silent.
   */
  record InvalidProposal(ConsensusMessage prePrepare, long now) implements Event {
    public InvalidProposal {
      if (prePrepare == null) {
        throw new IllegalArgumentException("an invalid-proposal event needs the pre-prepare");
      }
    }
  }

  /** Periodic; lets the primary propose a batch whose oldest ballot has waited long enough. */
  record Tick(long now) implements Event {}

  /**
   * The ledger reached {@code height}, by executing an {@link Action.Execute} or by catching up
   * from certified blocks; {@code requestIds} are the ballots of the block at that height and
   * {@code head} is its hash: the state digest a checkpoint at this height signs (PBFT §4.3; the
   * ledger is a hash chain, so its head stands for all of it).
   */
  record Executed(long height, List<String> requestIds, String head, long now) implements Event {
    public Executed {
      requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
      if (head == null) {
        throw new IllegalArgumentException("an executed height needs its head hash, the state a checkpoint signs");
      }
    }
  }

  /**
   * After a restart, from the write-ahead log: {@code ownSigned}, the messages this replica signed
   * that still matter (above its executed height, and its latest view-change or new-view), in
   * signing order; {@code accepted}, the pre-prepares of other primaries it accepted (see
   * {@link Action.LogAccepted}) above its executed height, whose batches it keeps but never sends;
   * and the proof of its last stable checkpoint (2f+1 signed checkpoints; empty if none was
   * stable yet).
   */
  record Restored(List<ConsensusMessage> ownSigned, List<ConsensusMessage> accepted,
                  List<ConsensusMessage> stableCheckpoint, long now) implements Event {
    public Restored {
      ownSigned = ownSigned == null ? List.of() : List.copyOf(ownSigned);
      accepted = accepted == null ? List.of() : List.copyOf(accepted);
      stableCheckpoint = stableCheckpoint == null ? List.of() : List.copyOf(stableCheckpoint);
    }

    public Restored(List<ConsensusMessage> ownSigned, List<ConsensusMessage> stableCheckpoint, long now) {
      this(ownSigned, List.of(), stableCheckpoint, now);
    }

    public Restored(List<ConsensusMessage> ownSigned, long now) {
      this(ownSigned, List.of(), List.of(), now);
    }
  }
}
