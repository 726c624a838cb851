package io.bftvote.tally;

import static io.bftvote.tally.TestReplicas.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets accused, and of what: two validly signed digests for one slot, and nothing less. */
class EquivocationDetectionTest {
  @TempDir Path stateDir;
  private TallyHarness tally;
  private final String digestA = digest("batch A");
  private final String digestB = digest("batch B");

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry());
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void twoSignedPreparesWithDifferentDigestsAccuseTheirSignerOnce() {
    ConsensusMessage first = prepare(0, 5, digestA, 3);
    ConsensusMessage second = prepare(0, 5, digestB, 3);
    tally.publish(first);  // 12:00:00
    tally.publish(second); // 12:00:01

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals("3", published.get(0).key);
    assertEquals(new Detection("equivocation", 3, 0, 5, Phase.PREPARE, List.of(first, second),
        "2026-11-21T12:00:01Z"), published.get(0).value);
    assertNull(published.get(0).value.problem(tally.replicas.cluster()), "the evidence re-verifies offline");
    assertEquals(1, tally.counter("bftvote.tally.detections.emitted"));
  }

  @Test
  void redeliveriesAndAThirdDigestNeverAccuseTwice() {
    ConsensusMessage first = prepare(0, 5, digestA, 3);
    ConsensusMessage second = prepare(0, 5, digestB, 3);
    for (int delivery = 0; delivery < 5; delivery++) {
      tally.publish(first);
      tally.publish(second);
    }
    tally.publish(prepare(0, 5, digest("batch C"), 3));

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals(List.of(first, second), published.get(0).value.evidence());
    assertEquals(1, tally.detections.recent().size());
  }

  @Test
  void alteredSecondMessageIsCountedAndNeverEvidence() {
    ConsensusMessage genuine = prepare(0, 5, digestA, 3);
    ConsensusMessage altered = new ConsensusMessage(Phase.PREPARE, 0, 5, digestB, 3, null, null, null,
        genuine.signature()); // replica 3's signature, over digest A, pasted onto digest B
    tally.publish(genuine);
    tally.publish(altered);

    assertEquals(List.of(), tally.published());
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
  }

  @Test
  void messageSignedByReplica2ClaimingToBeReplica3IsNeverEvidence() {
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestB, 3).signedBy(tally.replicas.key(2)));

    assertEquals(List.of(), tally.published());
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
  }

  @Test
  void forgedFirstMessageIsNotRememberedSoTheGenuineOneStandsAlone() {
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestA, 3).signedBy(tally.replicas.key(1)));
    tally.publish(prepare(0, 5, digestB, 3));
    tally.publish(prepare(0, 5, digestB, 3));

    assertEquals(List.of(), tally.published());
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
  }

  @Test
  void sameDigestSignedTwiceIsNoEquivocationEvenAddressedToDifferentReplicas() {
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestA, 3).addressedTo(1).signedBy(tally.replicas.key(3)));

    assertEquals(List.of(), tally.published());
    assertEquals(3, tally.counter("bftvote.tally.consensus.compared"));
  }

  @Test
  void differentPhasesSequencesViewsAndSendersAreDifferentSlots() {
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(tally.replicas.signed(Phase.COMMIT, 0, 5, digestB, 3));  // another phase
    tally.publish(prepare(0, 6, digestB, 3));                              // another sequence
    tally.publish(prepare(1, 5, digestB, 3));                              // another view
    tally.publish(prepare(0, 5, digestB, 2));                              // another replica

    assertEquals(List.of(), tally.published());
  }

  @Test
  void equivocatingPrimarysTwoAddressedPrePreparesAreCaught() {
    List<Ballot> batchA = List.of(tally.freshVote("alice"));
    List<Ballot> batchB = List.of(tally.freshVote("bob"));
    ConsensusMessage toReplica1 = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 7, BatchDigest.of(batchA), 0)
        .withBatch(batchA).addressedTo(1).signedBy(tally.replicas.key(0));
    ConsensusMessage toReplica2 = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 7, BatchDigest.of(batchB), 0)
        .withBatch(batchB).addressedTo(2).signedBy(tally.replicas.key(0));
    tally.publish(toReplica1);
    tally.publish(toReplica2);

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    Detection detection = published.get(0).value;
    assertEquals("0", published.get(0).key);
    assertEquals(Phase.PRE_PREPARE, detection.phase());
    // The evidence is the signed part: recipient kept, batch (bound by the digest, not signed) left out.
    assertEquals(List.of(EquivocationProcessor.asEvidence(toReplica1), EquivocationProcessor.asEvidence(toReplica2)),
        detection.evidence());
    assertEquals(List.of(1, 2), detection.evidence().stream().map(ConsensusMessage::to).toList());
    assertNull(detection.problem(tally.replicas.cluster()));
  }

  @Test
  void checkpointsCertifyingTwoStatesAtOneSequenceAreCaught() {
    tally.publish(tally.replicas.signed(Phase.CHECKPOINT, 0, 256, digest("state A"), 1));
    tally.publish(tally.replicas.signed(Phase.CHECKPOINT, 0, 256, digest("state B"), 1));

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals(Phase.CHECKPOINT, published.get(0).value.phase());
    assertEquals(1, published.get(0).value.accused());
  }

  @Test
  void viewChangesAreSkippedNotCompared() {
    tally.publish(tally.replicas.signed(Phase.VIEW_CHANGE, 1, 0, digestA, 3));
    tally.publish(tally.replicas.signed(Phase.VIEW_CHANGE, 1, 0, digestB, 3));

    assertEquals(List.of(), tally.published());
    assertEquals(2, tally.counter("bftvote.tally.consensus.skipped"));
  }

  @Test
  void malformedAndUnattributableRecordsAreCountedAndDetectionGoesOn() {
    String valid = new String(Json.write(prepare(0, 5, digestA, 3)), java.nio.charset.StandardCharsets.UTF_8);
    List<byte[]> malformed = List.of(
        Bytes.utf8("not json at all"),
        new byte[] {(byte) 0xff, 0x00, 0x13},
        Bytes.utf8("{}"),
        Bytes.utf8("null"),
        Bytes.utf8(valid.replace("\"view\":0,", "\"view\":0,\"extra\":1,")),
        Bytes.utf8(valid.replace("\"prepare\"", "\"promise\"")),
        Bytes.utf8(valid.replaceFirst(",\"signature\":\"[^\"]+\"", "")),
        Json.write(prepare(0, -5, digestB, 3)),
        Bytes.utf8(valid.substring(0, valid.length() / 2)));
    for (byte[] value : malformed) {
      tally.publishConsensusRaw("3", value);
    }
    tally.publishConsensusRaw("3", null);
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestB, 9).signedBy(tally.replicas.key(3)));

    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(prepare(0, 5, digestB, 3));

    assertEquals(malformed.size() + 1, tally.consensusRefused(ConsensusRefusal.MALFORMED));
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.UNKNOWN_SENDER));
    assertEquals(1, tally.published().size());
  }

  @Test
  void recordKeyIsNotTrustedForTheSender() {
    tally.publishConsensusRaw("1", Json.write(prepare(0, 5, digestA, 3)));
    tally.publishConsensusRaw("2", Json.write(prepare(0, 5, digestB, 3)));

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals("3", published.get(0).key);
    assertTrue(published.get(0).value.evidence().stream().allMatch(m -> m.sender() == 3));
  }

  private ConsensusMessage prepare(long view, long sequence, String digest, int replica) {
    return tally.replicas.signed(Phase.PREPARE, view, sequence, digest, replica);
  }
}
