package io.bftvote.tally;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bftvote.topics.ConsensusMessage;

/**
 * What the detector remembers about one slot: its first message, whether that message's signature
 * was checked (and held), and whether an equivocation there has already been published (then
 * nothing about this slot is published again).
 *
 * <p>The first message is remembered unchecked: its signature is verified only when a conflicting
 * message arrives, which for an honest replica is never.
 */
record SlotEntry(ConsensusMessage first, boolean reported, boolean checked) {
  /**
   * Reads a stored entry. Entries written before {@code checked} existed lack it (and the JSON
   * configuration refuses a missing primitive): they read as unchecked, so they are checked again
   * if they ever conflict — one verification more, never a message trusted unverified.
   */
  @JsonCreator
  static SlotEntry read(@JsonProperty("first") ConsensusMessage first, @JsonProperty("reported") boolean reported,
      @JsonProperty("checked") Boolean checked) {
    return new SlotEntry(first, reported, Boolean.TRUE.equals(checked));
  }

  static SlotEntry firstSeen(ConsensusMessage message, boolean checked) {
    return new SlotEntry(message, false, checked);
  }

  /** The slot's first message was forged; {@code genuine} (checked) takes its place. */
  static SlotEntry replacedBy(ConsensusMessage genuine) {
    return new SlotEntry(genuine, false, true);
  }

  SlotEntry asChecked() {
    return new SlotEntry(first, reported, true);
  }

  SlotEntry asReported() {
    return new SlotEntry(first, true, checked);
  }
}
