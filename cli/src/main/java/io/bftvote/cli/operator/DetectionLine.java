package io.bftvote.cli.operator;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import java.util.List;
import java.util.Optional;

/**
 * One detection as one line, for a person or (with {@code --json}) for a script:
 * {@code 2026-11-21T12:00:00Z  replica 3 EQUIVOCATED  view 0, sequence 12, prepare: digest 1a2b3c4d… vs
 * 9f8e7d6c…  (evidence verified)}.
 */
final class DetectionLine {
  /** What checking the evidence against the cluster's keys said. */
  sealed interface Verification {
    String describe();
  }

  record Verified() implements Verification {
    public String describe() {
      return "evidence verified";
    }
  }

  record Unproven(String problem) implements Verification {
    public String describe() {
      return "NOT PROVEN: " + problem;
    }
  }

  /** No cluster file, so no keys to check the signatures with. */
  record Unchecked() implements Verification {
    public String describe() {
      return "evidence not checked: no cluster file, pass --cluster FILE";
    }
  }

  private DetectionLine() {
  }

  static Verification verify(Detection detection, Optional<Cluster> cluster) {
    if (cluster.isEmpty()) {
      return new Unchecked();
    }
    return Evidence.problem(detection, cluster.get()).<Verification>map(Unproven::new).orElseGet(Verified::new);
  }

  static String readable(Detection detection, Verification verification) {
    return detection.detectedAt() + "  replica " + detection.accused() + " " + kind(detection) + "  "
        + Evidence.slot(detection) + ": digest " + digests(detection.evidence()) + "  (" + verification.describe() + ")";
  }

  /** The detection exactly as on the topic: each line is something {@code verify-evidence} accepts. */
  static String json(Detection detection) {
    return Json.writeString(detection);
  }

  private static String kind(Detection detection) {
    return Detection.EQUIVOCATION.equals(detection.kind()) ? "EQUIVOCATED" : "flagged (" + detection.kind() + ")";
  }

  private static String digests(List<ConsensusMessage> evidence) {
    if (evidence == null || evidence.isEmpty()) {
      return "(no evidence)";
    }
    return String.join(" vs ", evidence.stream().map(Evidence::digestOf).toList());
  }
}
