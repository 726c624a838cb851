package io.bftvote.tally;

import static io.bftvote.tally.TestReplicas.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.JsonSerde;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector checks a signature only when the message could be evidence (it conflicts with its
 * slot's first message) or would move its sender's progress — and a forgery is still never evidence.
 */
class LazySignatureCheckTest {
  private static final String CHECKS = "bftvote.tally.consensus.signatures.checked";
  private static final long STEP = DetectionBounds.DEFAULT.progressStep();
  @TempDir Path stateDir;
  private TallyHarness tally;
  private final String digestA = digest("batch A");
  private final String digestB = digest("batch B");
  private final String digestC = digest("batch C");

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry());
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void slotsThatNeverConflictAreNeverChecked() {
    int published = 0;
    for (long sequence = 1; sequence < STEP - 1; sequence++) { // normal rounds, below one progress step
      String batch = digest("batch " + sequence);
      tally.publish(tally.replicas.signed(Phase.PRE_PREPARE, 0, sequence, batch, 0));
      published++;
      for (int backup = 1; backup < 4; backup++) {
        tally.publish(prepare(0, sequence, batch, backup));
        published++;
      }
      for (int replica = 0; replica < 4; replica++) {
        tally.publish(tally.replicas.signed(Phase.COMMIT, 0, sequence, batch, replica));
        published++;
      }
    }

    assertEquals(List.of(), tally.published());
    assertEquals(published, tally.counter("bftvote.tally.consensus.compared"));
    assertEquals(0, tally.counter(CHECKS));
  }

  @Test
  void progressIsCheckedOncePerStepNotPerMessage() {
    for (long sequence = 1; sequence <= 3 * STEP; sequence++) {
      tally.publish(prepare(0, sequence, digestA, 1));
    }

    assertEquals(3, tally.counter(CHECKS), "at sequences step − 1, 2·step − 1 and 3·step − 1");
  }

  @Test
  void redeliveriesOfOneMessageAccuseNoOneAndCostNoCheck() {
    for (int delivery = 0; delivery < 5; delivery++) {
      tally.publish(prepare(0, 5, digestA, 3));
    }

    assertEquals(List.of(), tally.published());
    assertEquals(0, tally.counter(CHECKS));
  }

  @Test
  void forgeryFirstThenAValidConflictingPairAccusesTheNamedReplicaWithTwoValidMessages() {
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestA, 3).signedBy(tally.replicas.key(1)));
    ConsensusMessage first = prepare(0, 5, digestB, 3);
    ConsensusMessage second = prepare(0, 5, digestC, 3);
    tally.publish(first);  // the forgery is checked now, and gives way
    tally.publish(second); // only this one is checked: the first already was

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals("3", published.get(0).key);
    assertEquals(List.of(first, second), published.get(0).value.evidence());
    assertNull(published.get(0).value.problem(tally.replicas.cluster()), "both messages are validly signed");
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
    assertEquals(3, tally.counter(CHECKS));
  }

  @Test
  void validFirstThenForgedConflictAccusesNoOneAndCountsTheForgery() {
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, digestB, 3).signedBy(tally.replicas.key(2)));

    assertEquals(List.of(), tally.published());
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
    assertEquals(1, tally.counter(CHECKS), "the newcomer failed, so the first needed no check");
  }

  @Test
  void threeDigestsAccuseOnceAndTheThirdCostsNoCheck() {
    tally.publish(prepare(0, 5, digestA, 3));
    tally.publish(prepare(0, 5, digestB, 3));
    tally.publish(prepare(0, 5, digestC, 3));

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals(List.of(digestA, digestB), published.get(0).value.evidence().stream()
        .map(ConsensusMessage::digest).toList());
    assertEquals(2, tally.counter(CHECKS));
  }

  @Test
  void brokenCopyOfTheFirstMessageCannotHideALaterEquivocation() {
    ConsensusMessage genuine = prepare(0, 5, digestA, 3);
    String signatureOverAnotherSlot = prepare(0, 6, digestA, 3).signature();
    tally.publish(new ConsensusMessage(Phase.PREPARE, 0, 5, digestA, 3, null, null, null, signatureOverAnotherSlot));
    tally.publish(genuine); // same digest, other signature: not a redelivery, so both are checked
    ConsensusMessage conflicting = prepare(0, 5, digestB, 3);
    tally.publish(conflicting);

    List<KeyValue<String, Detection>> published = tally.published();

    assertEquals(1, published.size());
    assertEquals(List.of(genuine, conflicting), published.get(0).value.evidence());
    assertEquals(1, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
  }

  @Test
  void forgedProgressOfFPlusOneReplicasCannotSettleAnyonesSlots() {
    tally.publish(prepare(0, 5, digestA, 3));
    for (int claimed = 0; claimed < 2; claimed++) { // f+1 replicas "at" a huge sequence, all signed by replica 2
      ConsensusMessage forged = ConsensusMessage.of(Phase.PREPARE, 0, 1_000_000_000L, digestA, claimed)
          .signedBy(tally.replicas.key(2));
      tally.publish(forged, TallyHarness.START.plus(EquivocationProcessor.PURGE_INTERVAL.multipliedBy(100)));
    }

    tally.publish(prepare(0, 5, digestB, 3));

    assertEquals(1, tally.published().size());
    assertEquals(0, tally.counter("bftvote.tally.consensus.stale"));
    assertEquals(2, tally.consensusRefused(ConsensusRefusal.BAD_SIGNATURE));
  }

  @Test
  void overlongDigestIsRefusedBeforeItCouldTakeRoomInTheSlotMemory() {
    tally.publish(ConsensusMessage.of(Phase.PREPARE, 0, 5, "ab".repeat(100_000), 3).signedBy(tally.replicas.key(3)));

    assertEquals(1, tally.consensusRefused(ConsensusRefusal.MALFORMED));
    assertEquals(0, tally.gauge("bftvote.tally.detection.slots"));
  }

  @Test
  void slotEntryWrittenBeforeTheCheckedFlagExistedIsCheckedAgainIfItConflicts() {
    String first = new String(Json.write(prepare(0, 5, digestA, 3)), StandardCharsets.UTF_8);
    byte[] oldFormat = ("{\"first\":" + first + ",\"reported\":false}").getBytes(StandardCharsets.UTF_8);

    JsonSerde<SlotEntry> serde = new JsonSerde<>(SlotEntry.class);
    SlotEntry entry = serde.deserialize(DetectionStores.SLOTS, oldFormat);

    assertFalse(entry.checked());
    assertFalse(entry.reported());
    SlotEntry checked = entry.asChecked();
    assertEquals(checked, serde.deserialize(DetectionStores.SLOTS, serde.serialize(DetectionStores.SLOTS, checked)));
  }

  private ConsensusMessage prepare(long view, long sequence, String digest, int replica) {
    return tally.replicas.signed(Phase.PREPARE, view, sequence, digest, replica);
  }
}
