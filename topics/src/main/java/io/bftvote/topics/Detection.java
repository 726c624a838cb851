package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Proof that a replica signed two conflicting messages: same sender, view, sequence and phase,
 * different digests, both validly signed. On {@code bft.detections} keyed by the accused's id.
 */
@JsonPropertyOrder({"kind", "accused", "view", "sequence", "phase", "evidence", "detectedAt"})
public record Detection(String kind, int accused, long view, long sequence, Phase phase,
                        List<ConsensusMessage> evidence, String detectedAt) {
  public static final String EQUIVOCATION = "equivocation";

  /** Why this is not proof of equivocation by {@code accused}, or null if it is. */
  public String problem(Cluster cluster) {
    if (!EQUIVOCATION.equals(kind)) return "unknown kind: " + kind;
    if (evidence == null || evidence.size() != 2) return "evidence must be exactly two messages";
    ConsensusMessage a = evidence.get(0);
    ConsensusMessage b = evidence.get(1);
    for (ConsensusMessage m : evidence) {
      if (m.sender() != accused) return "evidence names sender " + m.sender() + ", not the accused " + accused;
      if (m.view() != view || m.sequence() != sequence || m.phase() != phase) {
        return "evidence is not for (view " + view + ", sequence " + sequence + ", " + phase + ")";
      }
      if (!m.hasValidSignature(cluster)) return "a message's signature does not verify under replica " + accused + "'s key";
    }
    if (a.digest().equals(b.digest())) return "both messages carry the same digest";
    return null;
  }
}
