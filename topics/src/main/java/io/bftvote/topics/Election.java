package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Set;

/**
 * One election as defined at genesis. {@code eligibility} is "open" (any key may vote) or "roll"
 * (only the voter keys listed in {@code roll}).
 */
@JsonPropertyOrder({"id", "candidates", "eligibility", "roll"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Election(String id, List<String> candidates, String eligibility, List<String> roll) {
  public static final String OPEN = "open";
  public static final String ROLL = "roll";

  public Election {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
    roll = roll == null || roll.isEmpty() ? null : List.copyOf(roll);
  }

  public static Election open(String id, List<String> candidates) {
    return new Election(id, candidates, OPEN, null);
  }

  public boolean hasCandidate(String candidate) {
    return candidate != null && candidates.contains(candidate);
  }

  /** The first reason this definition is unusable, or null. */
  public String problem() {
    if (id == null || !Spelling.isName(id)) return "election id must match [a-z0-9][a-z0-9_-]{0,63}: " + id;
    if (candidates.isEmpty()) return "election " + id + " has no candidates";
    for (String c : candidates) {
      if (!Spelling.isName(c)) return "candidate of " + id + " must match [a-z0-9][a-z0-9_-]{0,63}: " + c;
    }
    if (Set.copyOf(candidates).size() != candidates.size()) return "election " + id + " lists a candidate twice";
    if (!OPEN.equals(eligibility) && !ROLL.equals(eligibility)) return "eligibility of " + id + " must be 'open' or 'roll'";
    if (ROLL.equals(eligibility) && roll == null) return "election " + id + " has eligibility 'roll' but an empty roll";
    return null;
  }
}
