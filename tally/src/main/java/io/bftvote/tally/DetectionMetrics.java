package io.bftvote.tally;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What equivocation detection did, for operators: every record of {@code bft.consensus} is refused
 * as malformed or from an unknown sender, skipped (no slot), stale (below the window) or compared;
 * a compared one may later be refused for its signature, which is checked only when it matters.
 * Every record of {@code bft.detections} is listed, a duplicate, or refused.
 */
public final class DetectionMetrics {
  private final Map<ConsensusRefusal, Counter> consensusRefused = new EnumMap<>(ConsensusRefusal.class);
  private final Counter consensusSkipped;
  private final Counter consensusStale;
  private final Counter consensusCompared;
  private final Counter signaturesChecked;
  private final Counter detectionsEmitted;
  private final Counter slotsEvicted;
  private final Counter detectionsListed;
  private final Counter detectionsDuplicate;
  private final Counter detectionsMalformed;
  private final Counter detectionsUnproven;
  private final AtomicLong slotsHeld = new AtomicLong();

  public DetectionMetrics(MeterRegistry registry) {
    for (ConsensusRefusal reason : ConsensusRefusal.values()) {
      consensusRefused.put(reason, Counter.builder("bftvote.tally.consensus.refused").tag("reason", reason.tag())
          .description("Records of bft.consensus that can never be evidence, by reason. A bad signature is "
              + "counted when it is checked: only when the message conflicts with its slot's first message, "
              + "or would move its sender's progress; a forgery that never conflicts is neither checked nor counted")
          .register(registry));
    }
    consensusSkipped = Counter.builder("bftvote.tally.consensus.skipped")
        .description("View-change and new-view messages: no digest about one slot to compare").register(registry);
    consensusStale = Counter.builder("bftvote.tally.consensus.stale")
        .description("Messages about sequences already settled (below the window): not compared, not verified")
        .register(registry);
    consensusCompared = Counter.builder("bftvote.tally.consensus.compared")
        .description("Messages compared with the first message of their slot (their signatures are checked "
            + "only if they conflict)").register(registry);
    signaturesChecked = Counter.builder("bftvote.tally.consensus.signatures.checked")
        .description("Ed25519 verifications of bft.consensus messages: one per message that could be evidence "
            + "(it conflicts with its slot's first message) and about one per progress step of each replica")
        .register(registry);
    detectionsEmitted = Counter.builder("bftvote.tally.detections.emitted")
        .description("Equivocations proven and published, one per (accused, view, sequence, phase)")
        .register(registry);
    slotsEvicted = Counter.builder("bftvote.tally.detection.slots.evicted")
        .description("Remembered slots forgotten early because their replica reached its cap").register(registry);
    detectionsListed = Counter.builder("bftvote.tally.detections.listed")
        .description("Detections read back from bft.detections and served by GET /detections").register(registry);
    detectionsDuplicate = Counter.builder("bftvote.tally.detections.duplicate")
        .description("Detections for a slot already listed (for example after an application reset)")
        .register(registry);
    detectionsMalformed = refusedDetections(registry, "malformed");
    detectionsUnproven = refusedDetections(registry, "unproven");
    registry.gauge("bftvote.tally.detection.slots", slotsHeld);
  }

  /** Counters that nobody scrapes, for a topology built without an app around it. */
  public static DetectionMetrics unregistered() {
    return new DetectionMetrics(new SimpleMeterRegistry());
  }

  private static Counter refusedDetections(MeterRegistry registry, String reason) {
    return Counter.builder("bftvote.tally.detections.refused").tag("reason", reason)
        .description("Records of bft.detections not listed because they prove nothing, by reason").register(registry);
  }

  void consensusRefused(ConsensusRefusal reason) {
    consensusRefused.get(reason).increment();
  }

  void consensusSkipped() {
    consensusSkipped.increment();
  }

  void consensusStale() {
    consensusStale.increment();
  }

  void consensusCompared() {
    consensusCompared.increment();
  }

  void signatureChecked() {
    signaturesChecked.increment();
  }

  void detectionEmitted() {
    detectionsEmitted.increment();
  }

  void slotsEvicted(long count) {
    slotsEvicted.increment(count);
  }

  void slotsHeld(long count) {
    slotsHeld.set(count);
  }

  void detectionListed() {
    detectionsListed.increment();
  }

  void detectionDuplicate() {
    detectionsDuplicate.increment();
  }

  void detectionMalformed() {
    detectionsMalformed.increment();
  }

  void detectionUnproven() {
    detectionsUnproven.increment();
  }
}
