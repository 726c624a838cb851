package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * The proof that a request was prepared at (v, n) (PBFT §4.4, an element of the P set of a
 * VIEW-CHANGE): the primary's pre-prepare, with its batch so a new primary can propose it again,
 * and 2f matching prepares from distinct backups.
 */
record PreparedCertificate(ConsensusMessage prePrepare, List<ConsensusMessage> prepares) {
  PreparedCertificate {
    prepares = List.copyOf(prepares);
  }

  long sequence() {
    return prePrepare.sequence();
  }

  long view() {
    return prePrepare.view();
  }

  String digest() {
    return prePrepare.digest();
  }
}
