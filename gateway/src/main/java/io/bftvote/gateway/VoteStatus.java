package io.bftvote.gateway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the gateway knows of one vote, as {@code GET /api/votes/{id}} answers it. {@code confirmations}
 * counts the replicas whose verified reply matches the final outcome, 0 while pending; replies after
 * the outcome is final are not verified ({@link ReplyCollector}), so it is usually f+1.
 */
@JsonPropertyOrder({"id", "status", "reason", "height", "confirmations"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record VoteStatus(String id, String status, String reason, Long height, int confirmations) {
  static final String PENDING = "pending";

  static VoteStatus pending(String id) {
    return new VoteStatus(id, PENDING, null, null, 0);
  }

  static VoteStatus decided(String id, Verdict verdict, int confirmations) {
    return new VoteStatus(id, verdict.status(), verdict.reason(), verdict.height(), confirmations);
  }

  @JsonIgnore
  boolean isFinal() {
    return !PENDING.equals(status);
  }
}
