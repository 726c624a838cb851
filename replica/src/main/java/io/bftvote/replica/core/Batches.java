package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The batches behind the pre-prepares this replica accepted, by sequence and digest: PBFT's
 * requests, kept apart from the messages that order them. A VIEW-CHANGE names a prepared request
 * by its digest only (a full log of batches would not fit in one message), so when a NEW-VIEW
 * proposes that digest again, each replica takes the batch from here. A batch needs no signature
 * to be trusted: its {@link io.bftvote.topics.BatchDigest} binds it, and the pre-prepare that
 * brought it in was checked against that digest.
 *
 * <p>Bounded: only sequences inside the watermarks (callers discard the rest at each stable
 * checkpoint), and the latest {@value #PER_SEQUENCE} digests per sequence, so however many views
 * a faulty primary forces, the store holds at most L × {@value #PER_SEQUENCE} batches. The lists
 * are the ones the log already holds, not copies.
 */
final class Batches {
  /**
   * Digests kept per sequence. One view accepts one digest per sequence; a few views' worth covers
   * a request that prepared, was lost from V for a view or two, and comes back.
   */
  static final int PER_SEQUENCE = 3;

  private final NavigableMap<Long, Map<String, List<Ballot>>> bySequence = new TreeMap<>();

  /** Keeps the batch of an accepted pre-prepare; the caller checked that {@code digest} is its digest. */
  void keep(long sequence, String digest, List<Ballot> batch) {
    Map<String, List<Ballot>> kept = bySequence.computeIfAbsent(sequence, n -> new LinkedHashMap<>());
    kept.remove(digest); // kept again: it becomes the latest
    kept.put(digest, batch);
    if (kept.size() > PER_SEQUENCE) {
      Iterator<String> oldest = kept.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** The batch with this digest at this sequence, or null if this replica never accepted it (or forgot it). */
  List<Ballot> find(long sequence, String digest) {
    Map<String, List<Ballot>> kept = bySequence.get(sequence);
    return kept == null ? null : kept.get(digest);
  }

  /** Forgets every sequence at or below a stable checkpoint: its blocks are on the ledger now. */
  void discardUpTo(long sequence) {
    bySequence.headMap(sequence, true).clear();
  }

  /** How many batches are kept, over all sequences. */
  int size() {
    return bySequence.values().stream().mapToInt(Map::size).sum();
  }
}
