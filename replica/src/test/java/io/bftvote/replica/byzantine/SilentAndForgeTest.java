package io.bftvote.replica.byzantine;

import static io.bftvote.replica.byzantine.Cast.broadcasts;
import static io.bftvote.replica.byzantine.Cast.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilentAndForgeTest {
  private final Cast cast = new Cast(4);
  private final String digest = BatchDigest.of(cast.ballots(2));

  @Test
  void silentReplicaSendsNothingButStillExecutesAndKeepsItsResultsToItself() {
    Action execute = new Action.Execute(1, 0, List.of(), digest, List.of());
    Misbehaviour silent = cast.liar(2, "silent");

    List<Action> out = silent.apply(List.of(new Action.Broadcast(cast.vote(Phase.PREPARE, 2, 0, 1, digest)), execute,
        new Action.Broadcast(cast.vote(Phase.COMMIT, 2, 0, 1, digest))));

    assertEquals(List.of(execute), out, "its ledger goes on; nothing leaves");
    assertFalse(silent.publishesResults(), "no replies or blocks either");
  }

  @Test
  void everyOtherModePublishesItsResults() {
    for (String mode : List.of("equivocate", "forge", "corrupt", "replay")) {
      assertTrue(cast.liar(1, mode).publishesResults(), mode);
    }
  }

  @Test
  void forgerAlsoSendsACopyClaimingAnotherReplicaWhoseSignatureFails() {
    ConsensusMessage commit = cast.vote(Phase.COMMIT, 1, 0, 7, digest);

    List<ConsensusMessage> out = sent(cast.liar(1, "forge").apply(broadcasts(commit)));

    assertEquals(2, out.size());
    assertEquals(commit, out.get(0), "its own message goes out as the core signed it");
    ConsensusMessage forged = out.get(1);
    assertNotEquals(1, forged.sender(), "claims to come from someone else");
    assertTrue(cast.cluster().isReplica(forged.sender()), "someone who is in the cluster");
    assertEquals(List.of(Phase.COMMIT, 0L, 7L, digest), List.of(forged.phase(), forged.view(), forged.sequence(),
        forged.digest()), "the same vote, as if another replica had cast it");
    assertFalse(forged.hasValidSignature(cast.cluster()), "the claimed sender never signed it");
    assertTrue(Ed25519.verify(cast.key(1).publicKey(), forged.signedBytes(), forged.signature()),
        "it is signed, but with the forger's own key: the only one it has");
  }

  @Test
  void forgerClaimsToBeEachOfTheOthersInTurn() {
    Misbehaviour forger = cast.liar(1, "forge");
    java.util.Set<Integer> claimed = new java.util.HashSet<>();
    for (long sequence = 1; sequence <= 30; sequence++) {
      claimed.add(sent(forger.apply(broadcasts(cast.vote(Phase.PREPARE, 1, 0, sequence, digest)))).get(1).sender());
    }
    assertEquals(java.util.Set.of(0, 2, 3), claimed);
  }
}
