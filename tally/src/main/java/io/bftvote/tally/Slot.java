package io.bftvote.tally;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one signed message commits its sender to: ⟨phase, v, n⟩ from replica i. An honest replica
 * signs at most one digest per slot (PBFT §4.2), so two validly signed digests for one slot prove
 * equivocation. For a checkpoint the view is unused and signed as 0, so it keys as 0 too.
 *
 * <p>The store key puts the sender, then the sequence, first and pads both to a fixed width, so a
 * sender's slots sort by sequence under the store's byte order: purging old sequences is a prefix
 * scan that stops at the first slot still in the window.
 */
record Slot(int sender, long view, long sequence, Phase phase) {
  /** The phases whose digest is about one (view, sequence); view-change and new-view are not. */
  private static final Set<Phase> SLOT_PHASES = EnumSet.of(Phase.PRE_PREPARE, Phase.PREPARE, Phase.COMMIT, Phase.CHECKPOINT);

  private static final char SEPARATOR = '|';
  private static final int SENDER_DIGITS = 5;
  private static final int SEQUENCE_DIGITS = 19; // Long.MAX_VALUE has 19 digits

  static boolean isSlotPhase(Phase phase) {
    return SLOT_PHASES.contains(phase);
  }

  static Slot of(ConsensusMessage message) {
    return new Slot(message.sender(), message.view(), message.sequence(), message.phase());
  }

  /** {@code sender|sequence|phase|view}, numbers zero-padded; sender and sequence must not be negative. */
  String key() {
    return senderPrefix(sender) + pad(sequence, SEQUENCE_DIGITS) + SEPARATOR + phase.wire() + SEPARATOR + view;
  }

  /** The start every key of this sender's slots shares. */
  static String senderPrefix(int sender) {
    return pad(sender, SENDER_DIGITS) + SEPARATOR;
  }

  /** The sequence of a key made by {@link #key()}. */
  static long sequenceOf(String key) {
    int start = SENDER_DIGITS + 1;
    return Long.parseLong(key, start, start + SEQUENCE_DIGITS, 10);
  }

  private static String pad(long number, int digits) {
    String text = Long.toString(number);
    return "0".repeat(Math.max(0, digits - text.length())) + text;
  }

  /** Which slot, without whose: {@code prepare(v=0, n=5)}. */
  String position() {
    return phase + "(v=" + view + ", n=" + sequence + ")";
  }

  @Override
  public String toString() {
    return position() + " of replica " + sender;
  }
}
