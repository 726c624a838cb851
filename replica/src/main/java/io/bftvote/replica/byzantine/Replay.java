package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Sends its honest messages, and every few of them one it signed earlier, for an earlier view or
 * sequence. Every replayed message is genuine, so signatures cannot catch it: the watermarks, the
 * view check and the once-per-sequence execution must make it harmless (PBFT §4.2).
 */
final class Replay implements Misbehaviour {
  /** How many of its own past messages it keeps to replay: the oldest are forgotten first. */
  static final int MEMORY = 256;
  /** One replay per this many honest messages. */
  static final int EVERY = 4;

  private final Traitor traitor;
  private final Deque<ConsensusMessage> sentBefore = new ArrayDeque<>(MEMORY);
  private long sentSinceReplay;

  Replay(Traitor traitor) {
    this.traitor = traitor;
  }

  @Override
  public List<Action> apply(List<Action> honest) {
    return Broadcasts.rewrite(honest, this::withReplay);
  }

  @Override
  public String mode() {
    return Mode.REPLAY.wire();
  }

  private List<ConsensusMessage> withReplay(ConsensusMessage honest) {
    List<ConsensusMessage> out = new ArrayList<>(2);
    out.add(honest);
    if (++sentSinceReplay >= EVERY) {
      ConsensusMessage old = pickOlderThan(honest);
      if (old != null) {
        out.add(old);
        sentSinceReplay = 0;
      }
    }
    remember(honest);
    return out;
  }

  /** A random remembered message from an earlier view or sequence, or null if it drew a recent one. */
  private ConsensusMessage pickOlderThan(ConsensusMessage current) {
    if (sentBefore.isEmpty()) {
      return null;
    }
    int index = traitor.random().nextInt(sentBefore.size());
    ConsensusMessage candidate = sentBefore.stream().skip(index).findFirst().orElseThrow();
    boolean older = candidate.view() < current.view() || candidate.sequence() < current.sequence();
    return older ? candidate : null;
  }

  private void remember(ConsensusMessage signed) {
    if (sentBefore.size() == MEMORY) {
      sentBefore.removeFirst();
    }
    sentBefore.addLast(signed);
  }
}
