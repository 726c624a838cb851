package io.bftvote.tally;

/**
 * The limits on the detector's memory (see {@link SlotMemory} for why they are safe).
 *
 * @param watermarkWindow k, the replicas' watermark window (PBFT §4.3); slots more than 2k below
 *     the progress of f+1 replicas are settled and forgotten
 * @param maxSlotsPerReplica most slots remembered for one replica; past it, its lowest sequence is forgotten
 */
record DetectionBounds(long watermarkWindow, long maxSlotsPerReplica) {
  /**
   * k as the replicas use it by default ({@code PbftConfig.DEFAULT_WATERMARK_WINDOW}). An honest
   * replica holds about three slots per sequence (pre-prepare or prepare, commit, some checkpoints)
   * over the about 3k sequences from the floor to its high watermark, a few times over after view
   * changes, plus a progress step: 8192 is ample, and n × 8192 batch-less messages of a few
   * hundred bytes is small.
   */
  static final DetectionBounds DEFAULT = new DetectionBounds(256, 8192);

  DetectionBounds {
    if (watermarkWindow < 1) throw new IllegalArgumentException("watermark window must be positive");
    if (maxSlotsPerReplica < 1) throw new IllegalArgumentException("a replica must be allowed at least one slot");
  }

  /**
   * How far a replica's progress moves at least when it moves (a quarter of a watermark window):
   * progress is taken only from checked signatures, so it is checked about once per step rather
   * than for every message. The floor lags by less than a step, which keeps a little more in memory.
   */
  long progressStep() {
    return Math.max(1, watermarkWindow / 4);
  }

  /** Sequences kept below the progress estimate: two watermark windows. */
  long keep() {
    return 2 * watermarkWindow;
  }
}
