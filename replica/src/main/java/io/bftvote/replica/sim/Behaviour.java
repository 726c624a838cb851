package io.bftvote.replica.sim;

/**
 * The Byzantine behaviours the simulation can give up to f replicas. Each one runs an honest core
 * underneath and lies about what it sends (see {@link Byzantine}).
 */
public enum Behaviour {
  /** Sends nothing at all, and publishes no blocks. */
  SILENT,
  /** As primary, sends different pre-prepares for one sequence to different replicas. */
  EQUIVOCATING_PRIMARY,
  /** Sends prepares and commits for its digest to some replicas and for another digest to the rest. */
  EQUIVOCATING_BACKUP,
  /** Also sends messages that claim another replica's id, signed with its own key. */
  FORGER,
  /** Also re-publishes old messages it has seen, from any sender, views and sequences ago. */
  REPLAYER,
  /**
   * Takes part in every vote and view change but never hands out a batch: its pre-prepares go out
   * without one, and it publishes no blocks. As a new primary it sends a NEW-VIEW whose batches
   * only the others can supply.
   */
  WITHHOLDER
}
