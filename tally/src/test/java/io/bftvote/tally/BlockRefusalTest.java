package io.bftvote.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Block;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that must not move the tally: blocks not proven committed, and bytes that are not blocks.
 * Each story publishes the bad record first, then the honest block, so a refusal is seen to change
 * nothing and to stop nothing.
 */
class BlockRefusalTest {
  @TempDir Path stateDir;
  private TallyHarness tally;
  private Block honest;

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry());
    honest = tally.ledger.next(tally.freshVote("alice"));
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void certificateWithOnly2fCommitsIsRefused() {
    tally.publish(tally.replicas.certifyBy(honest, 0, 1));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void commitWithForgedSignatureIsRefused() {
    ConsensusMessage forged = ConsensusMessage.of(Phase.COMMIT, 0, 1, honest.digest(), 2)
        .signedBy(tally.replicas.key(3)); // replica 3 claims to be replica 2
    tally.publish(new CertifiedBlock(honest, List.of(
        tally.replicas.commit(1, honest.digest(), 0), tally.replicas.commit(1, honest.digest(), 1), forged)));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void certificateNamingOneReplicaTwiceIsRefused() {
    tally.publish(tally.replicas.certifyBy(honest, 0, 1, 1));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void commitsForAnotherDigestAreRefused() {
    String otherDigest = BatchDigest.of(List.of(tally.freshVote("bob")));
    tally.publish(new CertifiedBlock(honest, List.of(tally.replicas.commit(1, otherDigest, 0),
        tally.replicas.commit(1, otherDigest, 1), tally.replicas.commit(1, otherDigest, 2))));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void ballotsSwappedUnderAValidCertificateAreRefused() {
    CertifiedBlock certified = tally.replicas.certify(honest);
    Block swapped = new Block(1, honest.previous(), honest.digest(), List.of(tally.freshVote("bob")),
        honest.outcomes(), honest.hash());
    tally.publish(new CertifiedBlock(swapped, certified.certificate()));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void commitsForAnotherHeightAreRefused() {
    tally.publish(new CertifiedBlock(honest, List.of(tally.replicas.commit(2, honest.digest(), 0),
        tally.replicas.commit(2, honest.digest(), 1), tally.replicas.commit(2, honest.digest(), 2))));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void prepareCertificateIsNotACommitCertificate() {
    List<ConsensusMessage> prepares = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      prepares.add(ConsensusMessage.of(Phase.PREPARE, 0, 1, honest.digest(), i).signedBy(tally.replicas.key(i)));
    }
    tally.publish(new CertifiedBlock(honest, prepares));

    assertRefusedThenHonestCounts(Refusal.UNCERTIFIED);
  }

  @Test
  void malformedRecordsDoNotStopTheTally() {
    String valid = new String(Json.write(tally.replicas.certify(honest)), StandardCharsets.UTF_8);
    List<byte[]> garbage = List.of(
        Bytes.utf8("not json at all"),
        new byte[] {(byte) 0xff, 0x00, 0x13},
        Bytes.utf8("{}"),
        Bytes.utf8("null"),
        Bytes.utf8(valid.replace("\"block\":{", "\"block\":{\"extra\":1,")),
        Bytes.utf8(valid.replace("\"certificate\":[", "\"certificate\":[null,")),
        Bytes.utf8(valid.replaceFirst("\"digest\":\"[0-9a-f]+\",", "")),
        Bytes.utf8(valid.substring(0, valid.length() / 2)));
    for (byte[] value : garbage) {
      tally.publishRaw("1", value);
    }
    tally.publishRaw("1", null);

    assertRefusedThenHonestCounts(Refusal.MALFORMED, garbage.size() + 1);
  }

  @Test
  void blockHoldingAMalformedBallotIsRefusedEvenWithAQuorum() {
    Ballot noCandidate = new Ballot("demo", tally.freshVote("bob").voter(), null, "n-x", null);
    tally.publish(tally.replicas.certify(TestLedger.at(1, List.of(noCandidate), List.of("accepted"))));

    assertRefusedThenHonestCounts(Refusal.MALFORMED);
  }

  @Test
  void recordKeyIsNotTrustedForTheHeight() {
    tally.publishRaw("7", Json.write(tally.replicas.certify(honest)));

    assertEquals(new TallyReport("demo", Map.of("alice", 1L, "bob", 0L, "carol", 0L), 1), tally.tally("demo"));
  }

  @Test
  void certifiedBlockFarAboveTheNextHeightIsRefusedNotBuffered() {
    Ballot ballot = tally.freshVote("carol");
    long lastThatMayWait = TallyProcessor.PENDING_WINDOW; // next height is 1
    tally.publish(tally.replicas.certify(TestLedger.at(lastThatMayWait, List.of(ballot), List.of("accepted"))));
    tally.publish(tally.replicas.certify(TestLedger.at(lastThatMayWait + 1, List.of(), List.of())));

    assertEquals(1, tally.counter("bftvote.tally.blocks.buffered"));
    assertRefusedThenHonestCounts(Refusal.BEYOND_WINDOW);
  }

  private void assertRefusedThenHonestCounts(Refusal reason) {
    assertRefusedThenHonestCounts(reason, 1);
  }

  /** {@code records} were refused for {@code reason}; nothing moved until the honest block came. */
  private void assertRefusedThenHonestCounts(Refusal reason, int records) {
    assertEquals(new TallyReport("demo", Map.of("alice", 0L, "bob", 0L, "carol", 0L), 0), tally.tally("demo"));
    assertEquals(records, tally.refused(reason));

    tally.publish(tally.replicas.certify(honest));

    assertEquals(new TallyReport("demo", Map.of("alice", 1L, "bob", 0L, "carol", 0L), 1), tally.tally("demo"));
    assertEquals(1, tally.counter("bftvote.tally.blocks.counted"));
  }
}
