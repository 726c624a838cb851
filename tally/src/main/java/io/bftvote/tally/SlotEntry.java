package io.bftvote.tally;

import io.bftvote.topics.ConsensusMessage;

/**
 * What the detector remembers about one slot: the first validly signed message for it, and whether
 * an equivocation there has already been published (then nothing about this slot is published again).
 */
record SlotEntry(ConsensusMessage first, boolean reported) {
  static SlotEntry firstSeen(ConsensusMessage message) {
    return new SlotEntry(message, false);
  }

  SlotEntry asReported() {
    return new SlotEntry(first, true);
  }
}
