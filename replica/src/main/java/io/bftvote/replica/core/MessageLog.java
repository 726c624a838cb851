package io.bftvote.replica.core;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The message log of PBFT §4.2 for the current view, one {@link Slot} per sequence number,
 * bounded by the watermarks of §4.3: it holds only sequences in (low, low + window], the low
 * watermark being the last stable checkpoint (or, just after a restart, the executed height).
 */
final class MessageLog {
  private final long window;
  private final QuorumRule quorum;
  private final NavigableMap<Long, Slot> slots = new TreeMap<>();
  private long low;

  MessageLog(long low, long window, QuorumRule quorum) {
    this.low = low;
    this.window = window;
    this.quorum = quorum;
  }

  long low() {
    return low;
  }

  long high() {
    return low + window;
  }

  /** True for sequences at or below the low watermark: stable, nothing left to agree on. */
  boolean isStale(long sequence) {
    return sequence <= low;
  }

  boolean withinWatermarks(long sequence) {
    return sequence > low && sequence <= high();
  }

  /** The slot for a sequence inside the watermarks, created on first use. */
  Slot slot(long sequence) {
    if (!withinWatermarks(sequence)) {
      throw new IllegalArgumentException(
          "sequence " + sequence + " is outside the watermarks (" + low + ", " + high() + "]");
    }
    return slots.computeIfAbsent(sequence, n -> new Slot(n, quorum));
  }

  /** The slot for a sequence, or null if nothing was logged for it. */
  Slot find(long sequence) {
    return slots.get(sequence);
  }

  /** Moves the low watermark up to {@code height} and forgets every slot at or below it. */
  void advanceLowTo(long height) {
    if (height <= low) {
      return;
    }
    low = height;
    slots.headMap(height, true).clear();
  }

  /** Forgets every slot: a new view starts its log afresh (what prepared lives on in the P set). */
  void clearSlots() {
    slots.clear();
  }

  int size() {
    return slots.size();
  }
}
