package io.bftvote.replica.byzantine;

import static io.bftvote.replica.byzantine.Cast.broadcasts;
import static io.bftvote.replica.byzantine.Cast.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private final Cast cast = new Cast(4);

  @Test
  void replayerSendsItsHonestMessagesAndNowAndThenAnEarlierOneVerbatim() {
    Misbehaviour replayer = cast.liar(2, "replay");
    List<ConsensusMessage> signedBefore = new ArrayList<>();
    int replays = 0;
    for (long sequence = 1; sequence <= 100; sequence++) {
      ConsensusMessage honest = commit(sequence);
      List<ConsensusMessage> out = sent(replayer.apply(broadcasts(honest)));

      assertEquals(honest, out.get(0), "the honest message always goes out first");
      for (ConsensusMessage replayed : out.subList(1, out.size())) {
        assertTrue(signedBefore.contains(replayed), "a replay is something it really signed before: " + replayed);
        assertTrue(replayed.sequence() < sequence, "from an earlier sequence: " + replayed);
        replays++;
      }
      signedBefore.add(honest);
    }
    assertTrue(replays >= 10 && replays <= 100 / Replay.EVERY, "about one in " + Replay.EVERY + ": " + replays);
  }

  @Test
  void replayerRemembersOnlyItsLatestMessages() {
    Misbehaviour replayer = cast.liar(2, "replay");
    for (long sequence = 1; sequence <= 3 * Replay.MEMORY; sequence++) {
      for (ConsensusMessage replayed : sent(replayer.apply(broadcasts(commit(sequence)))).stream().skip(1).toList()) {
        assertTrue(replayed.sequence() >= sequence - Replay.MEMORY,
            "sequence " + replayed.sequence() + " replayed at " + sequence + " was forgotten long ago");
      }
    }
  }

  @Test
  void replayerResendsMessagesOfAnEarlierViewInALaterOne() {
    Misbehaviour replayer = cast.liar(2, "replay");
    for (long sequence = 1; sequence <= 8; sequence++) {
      replayer.apply(broadcasts(commit(sequence)));
    }
    boolean replayedOldView = false;
    for (int i = 0; i < 20 && !replayedOldView; i++) {
      ConsensusMessage laterView = cast.vote(Phase.COMMIT, 2, 1, 9, Bytes.sha256Hex(Bytes.utf8("v1-" + i)));
      replayedOldView = sent(replayer.apply(broadcasts(laterView))).stream().skip(1).anyMatch(m -> m.view() == 0);
    }
    assertTrue(replayedOldView, "a view-0 message came back in view 1");
  }

  private ConsensusMessage commit(long sequence) {
    return cast.vote(Phase.COMMIT, 2, 0, sequence, Bytes.sha256Hex(Bytes.utf8("block-" + sequence)));
  }
}
