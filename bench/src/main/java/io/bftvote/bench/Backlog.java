package io.bftvote.bench;

/**
 * What the previous step left behind, as its reply reader sees it at one moment.
 *
 * @param outstanding ballots sent that have neither a final outcome nor a refusal
 * @param repliesRead every reply read so far, to any ballot and from any replica: while it grows,
 *     some replica is still executing (f+1 replies make a vote final, and up to 2f replicas may
 *     still be catching up behind them)
 */
record Backlog(long outstanding, long repliesRead) {
  /** Before any step: nothing sent, nothing to read. */
  static final Backlog NONE = new Backlog(0, 0);
}
