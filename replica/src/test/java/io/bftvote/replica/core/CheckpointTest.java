package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints and watermarks (PBFT §4.3): every K sequence numbers replicas sign their ledger
 * head; 2f+1 matching signatures make a checkpoint stable, and the log below it goes.
 */
class CheckpointTest {
  private static final long K = 4;
  private static final long L = 12;
  private final Fixture fixture = Fixture.of(4);

  private PbftConfig config(int replica) {
    return fixture.config(replica, 1, 0, 4).withCheckpoints(K, L);
  }

  private Pbft replica(int id) {
    return new Pbft(config(id), fixture.signer(id), 0, 0);
  }

  @Test
  void aClusterSignsACheckpointEveryKSequencesAndEachBecomesStable() {
    LocalCluster cluster = new LocalCluster(4, this::replica);
    fixture.ballots(10).forEach(cluster::submit);
    for (int round = 0; round < 20; round++) {
      cluster.runUntilQuiet(100_000);
      cluster.advanceClock(1);
    }

    for (int r = 0; r < 4; r++) {
      assertEquals(10, cluster.replica(r).lastExecuted());
      assertEquals(8, cluster.replica(r).stableCheckpoint(), "checkpoints at 4 and 8; 12 is not reached");
      List<Long> signed = cluster.sent(r).stream().filter(m -> m.phase() == Phase.CHECKPOINT)
          .map(ConsensusMessage::sequence).toList();
      assertEquals(List.of(4L, 8L), signed, "replica " + r + " signs at multiples of K only");
    }
  }

  @Test
  void twoFPlusOneMatchingCheckpointsMakeOneStableAndADissentingOneDoesNot() {
    Pbft backup = replica(1);
    List<Action> actions = backup.handle(new Event.MessageReceived(checkpoint(0, 4, "head-4"), 0));
    actions.addAll(backup.handle(new Event.MessageReceived(checkpoint(2, 4, "another-head"), 0)));
    actions.addAll(backup.handle(new Event.MessageReceived(checkpoint(3, 4, "head-4"), 0)));
    assertEquals(List.of(), actions, "two matching of three: not stable yet");
    assertEquals(0, backup.stableCheckpoint());

    List<Action> stable = backup.handle(new Event.Executed(4, List.of(), "head-4", 0));

    Action.CheckpointStable made = stable.stream().filter(Action.CheckpointStable.class::isInstance)
        .map(Action.CheckpointStable.class::cast).findFirst().orElseThrow();
    assertEquals(4, made.sequence());
    assertEquals("head-4", made.digest());
    assertEquals(List.of(0, 1, 3), made.proof().stream().map(ConsensusMessage::sender).toList());
    assertEquals(4, backup.stableCheckpoint());
  }

  @Test
  void aStableCheckpointMovesBothWatermarks() {
    Pbft backup = replica(1);
    ConsensusMessage beyond = fixture.prePrepare(0, 0, L + 4, fixture.ballots(1));
    assertEquals(List.of(new Action.Rejected(beyond, Reason.OUTSIDE_WATERMARKS)),
        backup.handle(new Event.MessageReceived(beyond, 0)));

    makeStable(backup, 4);

    assertEquals(Phase.PREPARE, broadcasts(backup.handle(new Event.MessageReceived(beyond, 0))).get(0).phase(),
        "L + 4 is inside (4, 4 + L] now");
    assertEquals(List.of(), backup.handle(new Event.MessageReceived(fixture.prePrepare(0, 0, 4, fixture.ballots(1)), 0)),
        "at or below the stable checkpoint: ignored without a word");
  }

  @Test
  void aLaggingReplicaLearnsTheStableCheckpointFromCheckpointsAheadOfItsLog() {
    Pbft lagging = replica(1);
    long far = 10 * K; // far above its high watermark L

    makeStable(lagging, far);

    assertEquals(far, lagging.stableCheckpoint());
    assertEquals(0, lagging.lastExecuted(), "the blocks up to it come from catch-up, not from the log");
    ConsensusMessage next = fixture.prePrepare(0, 0, far + 1, fixture.ballots(1));
    assertEquals(Phase.PREPARE, broadcasts(lagging.handle(new Event.MessageReceived(next, 0))).get(0).phase());
  }

  @Test
  void checkpointsOffTheIntervalAreRefused() {
    ConsensusMessage odd = checkpoint(2, K + 1, "head");
    assertEquals(List.of(new Action.Rejected(odd, Reason.NOT_A_CHECKPOINT_SEQUENCE)),
        replica(1).handle(new Event.MessageReceived(odd, 0)));
  }

  /** Three other replicas sign the same head at {@code sequence}. */
  private void makeStable(Pbft replica, long sequence) {
    for (int sender : new int[] {0, 2, 3}) {
      replica.handle(new Event.MessageReceived(checkpoint(sender, sequence, "head-" + sequence), 0));
    }
  }

  private ConsensusMessage checkpoint(int sender, long sequence, String head) {
    return fixture.sign(sender, ConsensusMessage.of(Phase.CHECKPOINT, 0, sequence, head, sender));
  }

  private static List<ConsensusMessage> broadcasts(List<Action> actions) {
    return actions.stream().filter(Action.Broadcast.class::isInstance).map(a -> ((Action.Broadcast) a).signed())
        .toList();
  }
}
