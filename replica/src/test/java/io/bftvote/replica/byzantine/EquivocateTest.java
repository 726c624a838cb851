package io.bftvote.replica.byzantine;

import static io.bftvote.replica.byzantine.Cast.broadcasts;
import static io.bftvote.replica.byzantine.Cast.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EquivocateTest {
  private final Cast cast = new Cast(4);

  @Test
  void equivocatingPrimarySignsTwoPrePreparesForOneSequenceEachToOneHalfOfTheOthers() {
    List<Ballot> batch = cast.ballots(3);
    ConsensusMessage honest = cast.prePrepare(0, 0, 1, batch);

    List<ConsensusMessage> out = sent(cast.liar(0, "equivocate").apply(broadcasts(honest)));

    assertEquals(3, out.size(), "one pre-prepare per other replica");
    assertEquals(Set.of(1, 2, 3), out.stream().map(ConsensusMessage::to).collect(Collectors.toSet()),
        "every other replica is addressed exactly once");
    for (ConsensusMessage m : out) {
      assertTrue(m.hasValidSignature(cast.cluster()), "signed by the primary itself: " + m);
      assertEquals(Phase.PRE_PREPARE, m.phase());
      assertEquals(0, m.view());
      assertEquals(1, m.sequence());
      assertEquals(BatchDigest.of(m.batch()), m.digest(), "each digest is its batch's, so only comparing catches it");
    }
    Map<String, List<ConsensusMessage>> byDigest = out.stream().collect(Collectors.groupingBy(ConsensusMessage::digest));
    assertEquals(Set.of(honest.digest(), BatchDigest.of(batch.subList(0, 2))), byDigest.keySet(),
        "the honest batch and the batch without its last ballot");
  }

  @Test
  void eachHonestBackupAcceptsTheHalfItGotAndPreparesADifferentDigestThanTheOtherHalf() {
    ConsensusMessage honest = cast.prePrepare(0, 0, 1, cast.ballots(3));

    Set<String> prepared = new HashSet<>();
    for (ConsensusMessage lie : sent(cast.liar(0, "equivocate").apply(broadcasts(honest)))) {
      List<ConsensusMessage> answer = sent(cast.deliver(cast.honestCore(lie.to()), lie));
      assertEquals(1, answer.size(), "backup " + lie.to() + " prepares what it was sent: " + answer);
      assertEquals(Phase.PREPARE, answer.get(0).phase());
      prepared.add(answer.get(0).digest());
    }
    assertEquals(2, prepared.size(), "the honest backups are split between two digests");
  }

  @Test
  void equivocatingBackupSignsPreparesAndCommitsForTwoDigestsToDisjointHalves() {
    String digest = BatchDigest.of(cast.ballots(2));
    Misbehaviour backup = cast.liar(3, "equivocate");

    for (Phase phase : List.of(Phase.PREPARE, Phase.COMMIT)) {
      List<ConsensusMessage> out = sent(backup.apply(broadcasts(cast.vote(phase, 3, 0, 5, digest))));

      assertEquals(List.of(0, 1, 2), out.stream().map(ConsensusMessage::to).sorted().toList(),
          phase + ": each other replica gets exactly one");
      assertTrue(out.stream().allMatch(m -> m.hasValidSignature(cast.cluster()) && m.sender() == 3),
          phase + ": all validly signed by replica 3 itself");
      assertTrue(out.stream().allMatch(m -> m.phase() == phase && m.view() == 0 && m.sequence() == 5));
      assertEquals(Set.of(digest, Equivocate.madeUpDigest(digest)),
          out.stream().map(ConsensusMessage::digest).collect(Collectors.toSet()), phase + ": two digests");
    }
  }

  @Test
  void halvesChangeFromOneLieToTheNextButAlwaysCoverEveryOtherReplicaOnce() {
    Cast seven = new Cast(7);
    Misbehaviour backup = seven.liar(2, "equivocate");
    Set<Set<Integer>> honestHalves = new HashSet<>();
    for (long sequence = 1; sequence <= 20; sequence++) {
      String digest = BatchDigest.of(List.of()) + sequence;
      List<ConsensusMessage> out = sent(backup.apply(broadcasts(seven.vote(Phase.PREPARE, 2, 0, sequence, digest))));
      assertEquals(List.of(0, 1, 3, 4, 5, 6), out.stream().map(ConsensusMessage::to).sorted().toList());
      honestHalves.add(out.stream().filter(m -> m.digest().equals(digest)).map(ConsensusMessage::to)
          .collect(Collectors.toSet()));
    }
    assertTrue(honestHalves.size() > 1, "the halves are drawn at random, not fixed: " + honestHalves);
  }

  @Test
  void primaryKeepsItsCommitsAndEveryoneKeepsCheckpointsAndEmptyBatchesAsTheyAre() {
    String digest = BatchDigest.of(cast.ballots(1));
    ConsensusMessage primaryCommit = cast.vote(Phase.COMMIT, 0, 0, 1, digest);
    ConsensusMessage checkpoint = cast.vote(Phase.CHECKPOINT, 0, 0, 128, digest);
    ConsensusMessage emptyBatch = cast.prePrepare(0, 0, 2, List.of());

    List<ConsensusMessage> out = sent(cast.liar(0, "equivocate")
        .apply(broadcasts(primaryCommit, checkpoint, emptyBatch)));

    assertEquals(List.of(primaryCommit, checkpoint, emptyBatch), out);
  }

  @Test
  void actionsOtherThanBroadcastsPassThroughInOrder() {
    ConsensusMessage prepare = cast.vote(Phase.PREPARE, 3, 0, 1, BatchDigest.of(List.of()));
    Action rejected = new Action.Rejected(prepare, "wrong-view");
    Action viewChanging = new Action.ViewChanging(0, 1, "test");
    List<Action> honest = new ArrayList<>();
    honest.add(rejected);
    honest.add(new Action.Broadcast(prepare));
    honest.add(viewChanging);

    List<Action> out = cast.liar(3, "equivocate").apply(honest);

    assertEquals(5, out.size());
    assertEquals(rejected, out.get(0));
    assertEquals(viewChanging, out.get(4));
  }
}
