package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What this replica knows to be prepared, per sequence number, from the latest view it prepared
 * that sequence in: the P set its VIEW-CHANGE messages carry (PBFT §4.4). It survives view
 * changes, and is cut below each stable checkpoint, so it never holds more than the log window.
 */
final class PreparedCertificates {
  private final NavigableMap<Long, PreparedCertificate> bySequence = new TreeMap<>();

  /** Keeps the certificate unless one from a later view is already known for its sequence. */
  void offer(PreparedCertificate certificate) {
    bySequence.merge(certificate.sequence(), certificate, (known, offered) -> offered.view() > known.view()
        ? offered : known);
  }

  /** True if a certificate for {@code sequence} from {@code view} or a later view is held. */
  boolean holds(long sequence, long view) {
    PreparedCertificate known = bySequence.get(sequence);
    return known != null && known.view() >= view;
  }

  /** The certificates for sequences in (low, high], in sequence order. */
  List<PreparedCertificate> within(long low, long high) {
    return new ArrayList<>(bySequence.subMap(low, false, high, true).values());
  }

  /**
   * The batch of the certificate this replica holds for {@code sequence}, if it is for
   * {@code digest} and this replica had the batch; else null.
   */
  List<Ballot> batch(long sequence, String digest) {
    PreparedCertificate certificate = bySequence.get(sequence);
    return certificate != null && certificate.digest().equals(digest) ? certificate.prePrepare().batch() : null;
  }

  /** Forgets everything at or below a stable checkpoint. */
  void discardUpTo(long sequence) {
    bySequence.headMap(sequence, true).clear();
  }

  int size() {
    return bySequence.size();
  }
}
