package io.bftvote.tally;

/**
 * Why a record on {@code bft.consensus} can never be evidence. A small fixed set, so it can tag a
 * metric; the log line next to each refusal carries the precise detail.
 */
public enum ConsensusRefusal {
  /** Not a signed consensus message: empty, not JSON, unknown fields, missing parts, negative numbers. */
  MALFORMED("malformed"),
  /** Names a sender that is not a replica of the cluster, so no key can vouch for it. */
  UNKNOWN_SENDER("unknown-sender"),
  /** The signature does not verify under the named sender's key: forged or altered, it proves nothing. */
  BAD_SIGNATURE("bad-signature");

  private final String tag;

  ConsensusRefusal(String tag) {
    this.tag = tag;
  }

  /** The value of the metric's {@code reason} tag. */
  public String tag() {
    return tag;
  }
}
