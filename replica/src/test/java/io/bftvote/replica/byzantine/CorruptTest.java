package io.bftvote.replica.byzantine;

import static io.bftvote.replica.byzantine.Cast.broadcasts;
import static io.bftvote.replica.byzantine.Cast.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.core.Action;
import io.bftvote.replica.core.Reason;
import io.bftvote.replica.kafka.BallotVerifier;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CorruptTest {
  private final Cast cast = new Cast(4);
  private final BallotVerifier verifier = new BallotVerifier("corrupt-test", 1);

  @AfterEach
  void closeVerifier() {
    verifier.close();
  }

  @Test
  void corruptPrimaryFirstProposesABallotWhoseSignatureFailsUnderACorrectDigest() {
    List<Ballot> batch = cast.ballots(4);

    ConsensusMessage proposed = single(cast.liar(0, "corrupt").apply(broadcasts(cast.prePrepare(0, 0, 1, batch))));

    assertTrue(proposed.hasValidSignature(cast.cluster()), "the primary signs its lie");
    assertEquals(BatchDigest.of(proposed.batch()), proposed.digest(), "the digest holds: only the ballot check catches it");
    assertEquals(1, proposed.batch().stream().filter(b -> !batch.contains(b)).count(), "one ballot was tampered with");
    assertTrue(proposed.batch().stream().allMatch(b -> b.problem() == null), "every ballot is still well-formed");
    assertFalse(verifier.allValid(proposed.batch()), "the edge's ballot check refuses the batch");
  }

  @Test
  void corruptPrimaryThenProposesADigestThatIsNotItsBatchsAndAnHonestBackupRefusesIt() {
    Misbehaviour primary = cast.liar(0, "corrupt");
    primary.apply(broadcasts(cast.prePrepare(0, 0, 1, cast.ballots(2))));
    List<Ballot> batch = cast.ballots(2);

    ConsensusMessage proposed = single(primary.apply(broadcasts(cast.prePrepare(0, 0, 2, batch))));

    assertTrue(proposed.hasValidSignature(cast.cluster()));
    assertEquals(batch, proposed.batch(), "genuine ballots");
    assertNotEquals(BatchDigest.of(batch), proposed.digest());
    assertTrue(verifier.allValid(proposed.batch()), "the ballots pass, so the edge lets it through");
    List<Action> backup = cast.deliver(cast.honestCore(1), proposed);
    assertEquals(List.of(new Action.Rejected(proposed, Reason.DIGEST_MISMATCH)),
        backup.stream().filter(a -> !(a instanceof Action.ViewChanging)).toList(),
        "the honest backup refuses it and sends no prepare");
  }

  @Test
  void corruptPrimaryAlternatesTheTwoLiesAndUsesTheWrongDigestWhenItHasNoBallotToForge() {
    Misbehaviour primary = cast.liar(0, "corrupt");
    List<Boolean> digestHolds = new java.util.ArrayList<>();
    for (long sequence = 1; sequence <= 4; sequence++) {
      ConsensusMessage m = single(primary.apply(broadcasts(cast.prePrepare(0, 0, sequence, cast.ballots(1)))));
      digestHolds.add(BatchDigest.of(m.batch()).equals(m.digest()));
    }
    assertEquals(List.of(true, false, true, false), digestHolds);

    ConsensusMessage empty = single(primary.apply(broadcasts(cast.prePrepare(0, 0, 5, List.of()))));
    assertNotEquals(BatchDigest.of(List.of()), empty.digest());
  }

  @Test
  void corruptBackupVotesHonestly() {
    ConsensusMessage prepare = cast.vote(Phase.PREPARE, 2, 0, 1, BatchDigest.of(cast.ballots(1)));
    ConsensusMessage commit = cast.vote(Phase.COMMIT, 2, 0, 1, prepare.digest());

    assertEquals(List.of(prepare, commit), sent(cast.liar(2, "corrupt").apply(broadcasts(prepare, commit))));
  }

  private static ConsensusMessage single(List<Action> actions) {
    List<ConsensusMessage> out = sent(actions);
    assertEquals(1, out.size(), "one pre-prepare in, one out: " + out);
    assertEquals(Phase.PRE_PREPARE, out.get(0).phase());
    return out.get(0);
  }
}
