package io.bftvote.cli.operator;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a detection offline against the replicas' keys, the way a skeptical third party would:
 * each signed message on its own, then whether together they prove that the accused signed two
 * digests for one slot ({@link Detection#problem}).
 *
 * @param findings one line per signed message of the evidence
 * @param problem why the detection proves nothing, or empty if it proves equivocation
 */
record EvidenceCheck(Detection detection, List<String> findings, Optional<String> problem) {

  static EvidenceCheck of(Detection detection, Cluster cluster) {
    List<String> findings = new ArrayList<>();
    List<ConsensusMessage> evidence = detection.evidence() == null ? List.of() : detection.evidence();
    for (int i = 0; i < evidence.size(); i++) {
      findings.add("message " + (i + 1) + ": " + describe(evidence.get(i), cluster));
    }
    return new EvidenceCheck(detection, List.copyOf(findings), Evidence.problem(detection, cluster));
  }

  boolean proven() {
    return problem.isEmpty();
  }

  /** The heading, one line per message, and the verdict. */
  List<String> report() {
    List<String> lines = new ArrayList<>();
    lines.add("detection: replica " + detection.accused() + " accused of " + detection.kind() + " at "
        + Evidence.slot(detection) + " (detected " + detection.detectedAt() + ")");
    findings.forEach(f -> lines.add("  " + f));
    lines.add(problem.map(p -> "NOT PROVEN: " + p)
        .orElse("PROVEN: replica " + detection.accused() + " signed two different digests for " + Evidence.slot(detection)
            + " — it equivocated"));
    return lines;
  }

  private static String describe(ConsensusMessage message, Cluster cluster) {
    if (message == null) {
      return "missing";
    }
    String what = message.phase() + ", view " + message.view() + ", sequence " + message.sequence() + ", digest "
        + Evidence.digestOf(message) + ", from replica " + message.sender() + ": ";
    return what + signatureVerdict(message, cluster);
  }

  private static String signatureVerdict(ConsensusMessage message, Cluster cluster) {
    if (!cluster.isReplica(message.sender())) {
      return "no replica " + message.sender() + " in this cluster (n = " + cluster.n() + "), nothing to check against";
    }
    if (message.signature() == null) {
      return "not signed";
    }
    return message.hasValidSignature(cluster)
        ? "signature valid under replica " + message.sender() + "'s key"
        : "signature does NOT verify under replica " + message.sender() + "'s key";
  }
}
