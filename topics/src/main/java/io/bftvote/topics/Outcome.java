package io.bftvote.topics;

/**
 * What executing a committed ballot did. {@code DUPLICATE} is internal: the same ballot (same
 * request id) was already executed at an earlier position, so this copy changes nothing and
 * produces no reply; the first outcome stands.
 */
public enum Outcome {
  ACCEPTED("accepted", null),
  UNKNOWN_ELECTION("rejected", "unknown-election"),
  UNKNOWN_CANDIDATE("rejected", "unknown-candidate"),
  NOT_ELIGIBLE("rejected", "not-eligible"),
  ALREADY_VOTED("rejected", "already-voted"),
  DUPLICATE("duplicate", null);

  private final String status;
  private final String reason;

  Outcome(String status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  /** "accepted", "rejected" or "duplicate". */
  public String status() {
    return status;
  }

  /** The rejection reason of DESIGN.md, or null. */
  public String reason() {
    return reason;
  }

  /** The compact form stored in blocks: "accepted", a rejection reason, or "duplicate". */
  public String code() {
    return reason != null ? reason : status;
  }

  public static Outcome fromCode(String code) {
    for (Outcome o : values()) {
      if (o.code().equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown outcome: " + code);
  }
}
