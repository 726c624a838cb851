package io.bftvote.tally;

import static io.bftvote.tally.TestReplicas.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code GET /detections} lists: whatever {@code bft.detections} holds that proves its
 * accusation, once per slot, the last {@value DetectionLogProcessor#LIMIT}, most recent first.
 */
class DetectionListingTest {
  private static final String AT = "2026-11-21T12:00:00Z";
  @TempDir Path stateDir;
  private TallyHarness tally;

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry());
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void detectionPublishedTwiceIsListedOnce() {
    Detection proof = proof(3, 5, prepare(5, "a", 3), prepare(5, "b", 3));
    tally.publishDetectionRaw(Json.write(proof));
    tally.publishDetectionRaw(Json.write(proof)); // e.g. a detector restarted under a new application id

    assertEquals(List.of(proof), tally.detections.recent());
    assertEquals(1, tally.counter("bftvote.tally.detections.duplicate"));
  }

  @Test
  void accusationsThatProveNothingAreNotListed() {
    ConsensusMessage genuine = prepare(5, "a", 3);
    ConsensusMessage forged = ConsensusMessage.of(Phase.PREPARE, 0, 5, digest("b"), 3).signedBy(tally.replicas.key(2));
    List<Detection> unproven = List.of(
        proof(3, 5, genuine, forged),                         // a signature that does not verify
        proof(3, 5, genuine, genuine),                        // one digest only
        proof(2, 5, genuine, prepare(5, "b", 3)),             // accuses someone who did not sign
        proof(3, 6, genuine, prepare(5, "b", 3)),             // evidence for another slot
        proof(7, 5, genuine, prepare(5, "b", 3)),             // accuses no replica
        new Detection("equivocation", 3, 0, 5, Phase.PREPARE, List.of(genuine), AT));
    unproven.forEach(d -> tally.publishDetectionRaw(Json.write(d)));
    tally.publishDetectionRaw(Bytes.utf8("{\"kind\":\"equivocation\",\"accused\":3,\"view\":0,\"sequence\":5,"
        + "\"phase\":\"prepare\",\"evidence\":[null,null],\"detectedAt\":\"" + AT + "\"}"));
    tally.publishDetectionRaw(Bytes.utf8("not a detection"));
    tally.publishDetectionRaw(null);

    assertEquals(List.of(), tally.detections.recent());
    assertEquals(unproven.size() + 1, refused("unproven"));
    assertEquals(2, refused("malformed"));
  }

  @Test
  void onlyTheLastThousandAreListedNewestFirst() {
    List<Detection> proofs = new ArrayList<>();
    for (long sequence = 1; sequence <= DetectionLogProcessor.LIMIT + 1; sequence++) {
      Detection proof = proof(1, sequence, prepare(sequence, "a", 1), prepare(sequence, "b", 1));
      proofs.add(proof);
      tally.publishDetectionRaw(Json.write(proof));
    }

    List<Detection> listed = tally.detections.recent();

    assertEquals(DetectionLogProcessor.LIMIT, listed.size());
    assertEquals(proofs.get(proofs.size() - 1), listed.get(0));
    assertEquals(proofs.get(1), listed.get(listed.size() - 1));
  }

  private double refused(String reason) {
    return tally.registry.get("bftvote.tally.detections.refused").tag("reason", reason).counter().count();
  }

  private ConsensusMessage prepare(long sequence, String batch, int replica) {
    return tally.replicas.signed(Phase.PREPARE, 0, sequence, digest(batch), replica);
  }

  private static Detection proof(int accused, long sequence, ConsensusMessage first, ConsensusMessage second) {
    return new Detection("equivocation", accused, 0, sequence, Phase.PREPARE, List.of(first, second), AT);
  }
}
