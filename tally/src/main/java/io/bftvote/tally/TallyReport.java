package io.bftvote.tally;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One election's tally as {@code GET /tallies/{election}} answers it: every candidate with its
 * count (zeros included) and the last height counted (0 before any block).
 */
@JsonPropertyOrder({"election", "counts", "height"})
public record TallyReport(String election, Map<String, Long> counts, long height) {
  public TallyReport {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts)); // keeps the election's candidate order
  }
}
