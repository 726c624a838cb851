package io.bftvote.tally;

/**
 * Why a record on {@code bft.blocks} was not counted. A small fixed set, so it can tag a metric;
 * the log line next to each refusal carries the precise detail.
 */
public enum Refusal {
  /** Not a certified block at all: empty, not JSON, unknown fields, missing parts. */
  MALFORMED("malformed"),
  /** A well-formed block whose commit certificate does not prove it committed (PBFT §4.2). */
  UNCERTIFIED("uncertified"),
  /** Certified, but so far above the next height that buffering it would let the buffer grow unbounded. */
  BEYOND_WINDOW("beyond-window");

  private final String tag;

  Refusal(String tag) {
    this.tag = tag;
  }

  /** The value of the metric's {@code reason} tag. */
  public String tag() {
    return tag;
  }
}
