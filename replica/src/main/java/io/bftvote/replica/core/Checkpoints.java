package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The checkpoints of PBFT §4.3: every K sequence numbers each replica signs the digest of its
 * state, and 2f+1 matching ones make a checkpoint stable, which lets everyone forget the log
 * below it. Checkpoints are kept per sender, the first one per sequence counting, a few per
 * sender: enough for a replica that lags behind to recognise the next stable checkpoint from the
 * latest ones the others sign, and bounded however long the system runs or a faulty replica talks.
 */
final class Checkpoints {
  private final long interval;
  private final int quorum;
  private final int perSender;
  private final Map<Integer, NavigableMap<Long, ConsensusMessage>> bySender = new TreeMap<>();
  private StableCheckpoint stable = StableCheckpoint.GENESIS;

  /**
   * @param interval K, the distance between checkpoints
   * @param quorum matching checkpoints that make one stable
   * @param perSender checkpoints kept per sender (the log window holds L/K of them)
   */
  Checkpoints(long interval, int quorum, int perSender) {
    this.interval = interval;
    this.quorum = quorum;
    this.perSender = perSender;
  }

  StableCheckpoint stable() {
    return stable;
  }

  /** True if this replica signs a checkpoint on reaching {@code height}. */
  boolean isDue(long height) {
    return height % interval == 0 && height > stable.sequence();
  }

  boolean isCheckpointSequence(long sequence) {
    return sequence > 0 && sequence % interval == 0;
  }

  /**
   * Records a signed checkpoint (this replica's own ones too). Returns the stable checkpoint it
   * completes, for the caller to {@link #adopt}, or null. A sender's second, different
   * checkpoint for one sequence does not count.
   */
  StableCheckpoint add(ConsensusMessage checkpoint) {
    if (checkpoint.sequence() <= stable.sequence()) {
      return null;
    }
    NavigableMap<Long, ConsensusMessage> signed = bySender.computeIfAbsent(checkpoint.sender(), s -> new TreeMap<>());
    if (signed.putIfAbsent(checkpoint.sequence(), checkpoint) != null) {
      return null;
    }
    if (signed.size() > perSender) {
      signed.pollFirstEntry(); // the latest ones are what a lagging replica needs
    }
    List<ConsensusMessage> matching = matching(checkpoint.sequence(), checkpoint.digest());
    if (matching.size() < quorum) {
      return null;
    }
    return new StableCheckpoint(checkpoint.sequence(), checkpoint.digest(), matching.subList(0, quorum));
  }

  /** Moves to a checkpoint proven stable elsewhere (a NEW-VIEW, or the proof kept over a restart). */
  void adopt(StableCheckpoint proven) {
    if (proven.sequence() <= stable.sequence()) {
      return;
    }
    stable = proven;
    for (NavigableMap<Long, ConsensusMessage> signed : bySender.values()) {
      signed.headMap(proven.sequence(), true).clear();
    }
  }

  /** This replica's own checkpoints above the stable one: worth saying again when progress stalls. */
  List<ConsensusMessage> unstable(int self) {
    return new ArrayList<>(bySender.getOrDefault(self, new TreeMap<>()).values());
  }

  private List<ConsensusMessage> matching(long sequence, String digest) {
    List<ConsensusMessage> matching = new ArrayList<>();
    for (NavigableMap<Long, ConsensusMessage> signed : bySender.values()) {
      ConsensusMessage vote = signed.get(sequence);
      if (vote != null && vote.digest().equals(digest)) {
        matching.add(vote);
      }
    }
    return matching;
  }
}
