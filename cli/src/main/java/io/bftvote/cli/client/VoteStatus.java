package io.bftvote.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A vote's status as {@code GET /api/votes/{id}} reports it, and how to say it in one line. */
public record VoteStatus(String id, String status, String reason, Long height, int confirmations) {
  public static final String PENDING = "pending";
  public static final String ACCEPTED = "accepted";

  public static VoteStatus of(JsonNode json) {
    return new VoteStatus(
        json.path("id").asText(),
        json.path("status").asText(PENDING),
        json.hasNonNull("reason") ? json.get("reason").asText() : null,
        json.hasNonNull("height") ? json.get("height").asLong() : null,
        json.path("confirmations").asInt(0));
  }

  public boolean isFinal() {
    return !PENDING.equals(status);
  }

  public boolean isAccepted() {
    return ACCEPTED.equals(status);
  }

  /** For example "accepted at height 12 (3 replicas confirmed)" or "rejected: already-voted ...". */
  public String describe() {
    if (!isFinal()) {
      return "pending (not yet confirmed by f+1 replicas)";
    }
    StringBuilder line = new StringBuilder(status);
    if (reason != null) {
      line.append(": ").append(reason);
    }
    if (height != null) {
      line.append(" at height ").append(height);
    }
    line.append(" (").append(confirmations).append(confirmations == 1 ? " replica" : " replicas")
        .append(" confirmed)");
    return line.toString();
  }
}
