package io.bftvote.cli.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.operator.DetectionLine.Unchecked;
import io.bftvote.cli.operator.DetectionLine.Unproven;
import io.bftvote.cli.operator.DetectionLine.Verified;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionLineTest {
  private final Equivocations replicas = new Equivocations();

  @Test
  void aProvenEquivocationReadsAsOneLineWithBothShortDigests() {
    Detection detection = replicas.replicaThreeEquivocates();

    String line = DetectionLine.readable(detection, DetectionLine.verify(detection, Optional.of(replicas.cluster)));

    assertEquals("2026-11-21T12:00:00Z  replica 3 EQUIVOCATED  view 0, sequence 12, prepare: digest "
        + Equivocations.digest("a").substring(0, 8) + "… vs " + Equivocations.digest("b").substring(0, 8)
        + "…  (evidence verified)", line);
  }

  @Test
  void aPrimarySendingTwoPrePreparesShowsWhoGotWhich() {
    ConsensusMessage toOne = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 5, Equivocations.digest("x"), 0)
        .addressedTo(1).signedBy(replicas.keys.get(0));
    ConsensusMessage toTwo = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 5, Equivocations.digest("y"), 0)
        .addressedTo(2).signedBy(replicas.keys.get(0));
    Detection detection = Equivocations.detection(0, toOne, toTwo);

    String line = DetectionLine.readable(detection, DetectionLine.verify(detection, Optional.of(replicas.cluster)));

    assertTrue(line.contains("view 0, sequence 5, pre-prepare: digest "), line);
    assertTrue(line.contains("… to replica 1 vs ") && line.endsWith("… to replica 2  (evidence verified)"), line);
  }

  @Test
  void aForgedSecondMessageIsShownButMarkedAsProvingNothing() {
    Detection forged = Equivocations.detection(3, replicas.prepare(3, 0, 12, Equivocations.digest("a")),
        replicas.forgedPrepare(3, 1, 0, 12, Equivocations.digest("b")));

    DetectionLine.Verification verification = DetectionLine.verify(forged, Optional.of(replicas.cluster));

    assertInstanceOf(Unproven.class, verification);
    assertTrue(DetectionLine.readable(forged, verification)
        .endsWith("(NOT PROVEN: a message's signature does not verify under replica 3's key)"));
  }

  @Test
  void withoutTheClusterKeysTheLineSaysTheEvidenceWasNotChecked() {
    DetectionLine.Verification verification = DetectionLine.verify(replicas.replicaThreeEquivocates(), Optional.empty());

    assertInstanceOf(Unchecked.class, verification);
    assertTrue(verification.describe().contains("pass --cluster FILE"));
  }

  @Test
  void evidenceWithHolesIsReportedNotThrown() {
    Detection holes = new Detection(Detection.EQUIVOCATION, 3, 0, 12, Phase.PREPARE,
        Arrays.asList(replicas.prepare(3, 0, 12, Equivocations.digest("a")), null), Equivocations.DETECTED_AT);

    DetectionLine.Verification verification = DetectionLine.verify(holes, Optional.of(replicas.cluster));

    assertInstanceOf(Unproven.class, verification);
    assertTrue(DetectionLine.readable(holes, verification).contains("vs (missing)"));
  }

  @Test
  void theJsonLineIsTheDetectionAsOnTheTopic() {
    Detection detection = replicas.replicaThreeEquivocates();

    assertEquals(detection, Json.read(DetectionLine.json(detection).getBytes(), Detection.class));
    assertInstanceOf(Verified.class, DetectionLine.verify(detection, Optional.of(replicas.cluster)));
    assertFalse(DetectionLine.json(detection).contains("\n"), "one detection, one line");
  }
}
