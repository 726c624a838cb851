package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertifiedBlockTest {
  private final List<Ed25519.KeyPair> keys = List.of(
      Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate());
  private final Cluster cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  private final List<Ballot> ballots = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "a"));
  private final String digest = BatchDigest.of(ballots);
  private final Block block = Block.create(1, Block.NO_PREVIOUS, digest, ballots, List.of("accepted"));

  private ConsensusMessage commit(int replica, long seq, String d) {
    return ConsensusMessage.of(Phase.COMMIT, 0, seq, d, replica).signedBy(keys.get(replica));
  }

  @Test
  void twoFPlusOneValidCommitsProveTheBlock() {
    var certified = new CertifiedBlock(block, List.of(commit(0, 1, digest), commit(1, 1, digest), commit(2, 1, digest)));
    assertNull(certified.certificateProblem(cluster));
  }

  @Test
  void onlyTwoFCommitsAreNotEnough() {
    var certified = new CertifiedBlock(block, List.of(commit(0, 1, digest), commit(1, 1, digest)));
    assertEquals("certificate has 2 commits, needs 3", certified.certificateProblem(cluster));
  }

  @Test
  void oneReplicaCannotCountTwice() {
    var certified = new CertifiedBlock(block, List.of(commit(0, 1, digest), commit(1, 1, digest), commit(1, 1, digest)));
    assertTrue(certified.certificateProblem(cluster).contains("appears twice"));
  }

  @Test
  void aCommitSignedWithAnotherReplicasKeyIsRefused() {
    ConsensusMessage forged = ConsensusMessage.of(Phase.COMMIT, 0, 1, digest, 2).signedBy(keys.get(3));
    var certified = new CertifiedBlock(block, List.of(commit(0, 1, digest), commit(1, 1, digest), forged));
    assertTrue(certified.certificateProblem(cluster).contains("bad signature"));
  }

  @Test
  void swappingTheBallotsUnderAValidCertificateIsRefused() {
    List<Ballot> other = new ArrayList<>(ballots);
    other.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "b"));
    Block swapped = Block.create(1, Block.NO_PREVIOUS, digest, other, List.of("accepted", "accepted"));
    var certified = new CertifiedBlock(swapped, List.of(commit(0, 1, digest), commit(1, 1, digest), commit(2, 1, digest)));
    assertEquals("digest does not match the ballots", certified.certificateProblem(cluster));
  }

  @Test
  void commitsForAnotherSequenceDoNotCertifyThisHeight() {
    var certified = new CertifiedBlock(block, List.of(commit(0, 2, digest), commit(1, 2, digest), commit(2, 2, digest)));
    assertTrue(certified.certificateProblem(cluster).contains("certifies height 1"));
  }

  @Test
  void aRecipientIsPartOfWhatIsSigned() {
    ConsensusMessage m = ConsensusMessage.of(Phase.PREPARE, 0, 1, digest, 0).signedBy(keys.get(0));
    var readdressed = new ConsensusMessage(m.phase(), m.view(), m.sequence(), m.digest(), m.sender(), 2, null, null, m.signature());
    assertTrue(m.hasValidSignature(cluster));
    assertTrue(!readdressed.hasValidSignature(cluster));
  }

  @Test
  void theCertifiedBlockSurvivesAJsonRoundTripAndStillVerifies() {
    var certified = new CertifiedBlock(block, List.of(commit(0, 1, digest), commit(1, 1, digest), commit(2, 1, digest)));
    CertifiedBlock back = Json.read(Json.write(certified), CertifiedBlock.class);
    assertEquals(certified, back);
    assertNull(back.certificateProblem(cluster));
    assertTrue(back.block().isSelfConsistent());
  }
}
