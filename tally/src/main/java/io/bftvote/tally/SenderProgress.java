package io.bftvote.tally;

/**
 * The detector's bookkeeping for one replica.
 *
 * @param highest the highest sequence this replica is known to have validly signed a slot message
 *     for (-1: none yet); only checked signatures count, see {@link SlotMemory}
 * @param evictedThrough sequences at or below this were forgotten to respect the per-replica cap
 *     (-1: none); they are settled for this replica exactly like sequences below the window
 * @param slots how many of this replica's slots are remembered right now
 */
record SenderProgress(long highest, long evictedThrough, long slots) {
  static final SenderProgress NONE = new SenderProgress(-1, -1, 0);

  SenderProgress seen(long sequence) {
    return sequence <= highest ? this : new SenderProgress(sequence, evictedThrough, slots);
  }

  SenderProgress evicted(long sequence, long forgotten) {
    return new SenderProgress(highest, Math.max(evictedThrough, sequence), slots - forgotten);
  }

  SenderProgress withSlots(long delta) {
    return new SenderProgress(highest, evictedThrough, slots + delta);
  }
}
