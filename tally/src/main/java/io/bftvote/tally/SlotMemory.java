package io.bftvote.tally;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's memory of first messages per slot, kept inside a sliding window of sequence
 * numbers and under a cap per replica ({@link DetectionBounds}).
 *
 * <p><b>The bound.</b> A replica's slots at or below its <i>floor</i> are settled: they are purged
 * and messages about them are no longer compared. The floor is the window floor {@code P − 2k},
 * where k is the replicas' watermark window (PBFT §4.3) and P is the (f+1)-th highest sequence any
 * replica validly signed. At least one of those f+1 replicas is honest and only signs inside its
 * watermarks (h, h+k], so it has executed past P − k: a sequence below P − 2k is at least k below
 * an honest replica's executed height, decided and checkpointed. P cannot be pushed up by the f
 * Byzantine replicas alone, so a liar cannot purge anyone's evidence by signing a huge sequence
 * number. On top of that each replica holds at most {@code maxSlotsPerReplica} slots (a liar can
 * sign endless views for one sequence); past the cap its lowest sequence is forgotten and becomes
 * settled for it alone. Hence at most n × {@code maxSlotsPerReplica} entries (n × 8192 by
 * default), each a batch-less message of a few hundred bytes.
 *
 * <p><b>Signatures.</b> A slot's first message is remembered before its signature is checked
 * ({@link SlotEntry#checked()}), so forgeries count against the cap of the replica they name. That
 * loses no evidence an honest replica could be accused with — it never equivocates — and a
 * Byzantine replica can fill its own cap with valid signatures anyway. Progress, which moves
 * everyone's floor, is only ever taken from checked signatures: to keep checks rare, a sender's
 * progress is checked and moved only in steps of {@link DetectionBounds#progressStep()}, so P
 * lags by less than a step and the floor is lower (safer) by as much.
 *
 * <p>Floors only rise, so a purged slot is never re-opened: a replayed message about it cannot
 * cause a second detection.
 */
final class SlotMemory {
  private static final Logger log = LoggerFactory.getLogger(SlotMemory.class);

  private final KeyValueStore<String, SlotEntry> slots;
  private final KeyValueStore<Integer, SenderProgress> senders;
  private final DetectionMetrics metrics;
  private final DetectionBounds bounds;
  private final int f;
  /** Write-through cache of {@link #senders}: read for every message. */
  private final SenderProgress[] progress;

  SlotMemory(Cluster cluster, DetectionBounds bounds, KeyValueStore<String, SlotEntry> slots,
      KeyValueStore<Integer, SenderProgress> senders, DetectionMetrics metrics) {
    this.slots = slots;
    this.senders = senders;
    this.metrics = metrics;
    this.bounds = bounds;
    this.f = cluster.f();
    progress = new SenderProgress[cluster.n()];
    for (int i = 0; i < progress.length; i++) {
      SenderProgress stored = senders.get(i);
      progress[i] = stored == null ? SenderProgress.NONE : stored;
    }
    metrics.slotsHeld(held());
  }

  /**
   * True if a message of {@code sender}'s at {@code sequence} would move its progress by a step or
   * more: then its signature is worth checking, because only signed progress may move floors.
   */
  boolean wouldAdvance(int sender, long sequence) {
    return sequence >= progress[sender].highest() + bounds.progressStep();
  }

  /** Notes that {@code sender} validly signed a slot message at {@code sequence} (its signature was checked). */
  void observe(int sender, long sequence) {
    SenderProgress seen = progress[sender].seen(sequence);
    if (seen != progress[sender]) {
      save(sender, seen);
    }
  }

  /** Sequences at or below this are settled for {@code sender}: not compared, not remembered. */
  long floor(int sender) {
    return Math.max(windowFloor(), progress[sender].evictedThrough());
  }

  /** P − 2k, P being the (f+1)-th highest sequence signed by any replica (negative until f+1 have signed). */
  long windowFloor() {
    long[] highest = Arrays.stream(progress).mapToLong(SenderProgress::highest).sorted().toArray();
    return highest[highest.length - 1 - f] - bounds.keep();
  }

  SlotEntry get(Slot slot) {
    return slots.get(slot.key());
  }

  /**
   * Remembers the first message of a slot, making room first if its sender is at the cap. Making
   * room may settle this very slot (it was the sender's lowest); then it is not remembered.
   */
  void remember(Slot slot, ConsensusMessage first, boolean checked) {
    int sender = slot.sender();
    while (progress[sender].slots() >= bounds.maxSlotsPerReplica() && evictLowestSequence(sender)) {
      // each round forgets one whole sequence of this sender's
    }
    if (slot.sequence() <= floor(sender)) {
      return;
    }
    slots.put(slot.key(), SlotEntry.firstSeen(first, checked));
    save(sender, progress[sender].withSlots(1));
  }

  void markReported(Slot slot, SlotEntry entry) {
    slots.put(slot.key(), entry.asReported());
  }

  /** The slot's first message held its signature check: never check it again. */
  void markChecked(Slot slot, SlotEntry entry) {
    slots.put(slot.key(), entry.asChecked());
  }

  /** The slot's first message was forged; {@code genuine}, checked, becomes its first (the count is unchanged). */
  void replaceFirst(Slot slot, ConsensusMessage genuine) {
    slots.put(slot.key(), SlotEntry.replacedBy(genuine));
  }

  /** Forgets every slot at or below its sender's floor; returns how many were forgotten. */
  long purge() {
    long forgotten = 0;
    for (int sender = 0; sender < progress.length; sender++) {
      long floor = floor(sender);
      List<String> settled = keysOf(sender, sequence -> sequence <= floor);
      settled.forEach(slots::delete);
      if (!settled.isEmpty()) {
        save(sender, progress[sender].withSlots(-settled.size()));
        forgotten += settled.size();
      }
    }
    return forgotten;
  }

  /** Slots remembered right now, across all replicas. */
  long held() {
    return Arrays.stream(progress).mapToLong(SenderProgress::slots).sum();
  }

  /** Forgets the sender's lowest remembered sequence; false if it remembers nothing. */
  private boolean evictLowestSequence(int sender) {
    Long lowest = null;
    try (KeyValueIterator<String, SlotEntry> first = slots.prefixScan(Slot.senderPrefix(sender),
        Serdes.String().serializer())) {
      if (first.hasNext()) {
        lowest = Slot.sequenceOf(first.next().key);
      }
    }
    if (lowest == null) {
      save(sender, progress[sender].withSlots(-progress[sender].slots())); // the count drifted: nothing is held
      return false;
    }
    long sequence = lowest;
    List<String> evicted = keysOf(sender, s -> s == sequence);
    evicted.forEach(slots::delete);
    save(sender, progress[sender].evicted(sequence, evicted.size()));
    metrics.slotsEvicted(evicted.size());
    log.warn("Replica {} holds {} remembered slots, the most allowed; forgetting its {} slots at sequence {}. "
        + "Equivocation by replica {} at or below sequence {} can no longer be detected",
        sender, bounds.maxSlotsPerReplica(), evicted.size(), sequence, sender, sequence);
    return true;
  }

  private interface SequenceTest {
    boolean matches(long sequence);
  }

  /** The sender's keys from its lowest sequence up to the first that fails {@code test}. */
  private List<String> keysOf(int sender, SequenceTest test) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, SlotEntry> it = slots.prefixScan(Slot.senderPrefix(sender),
        Serdes.String().serializer())) {
      while (it.hasNext()) {
        KeyValue<String, SlotEntry> next = it.next();
        if (!test.matches(Slot.sequenceOf(next.key))) {
          break;
        }
        keys.add(next.key);
      }
    }
    return keys;
  }

  private void save(int sender, SenderProgress updated) {
    progress[sender] = updated;
    senders.put(sender, updated);
    metrics.slotsHeld(held());
  }
}
