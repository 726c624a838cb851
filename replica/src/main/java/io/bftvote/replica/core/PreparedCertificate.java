package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * The proof that a request was prepared at (v, n) (PBFT §4.4, an element of the P set of a
 * VIEW-CHANGE): the primary's pre-prepare and 2f matching prepares from distinct backups. This
 * replica's own certificates keep the batch (when it has it), so that it can execute the request
 * if a new view proposes it again; in a VIEW-CHANGE the pre-prepare travels without it: the
 * signatures cover the digest, not the batch, so the proof holds without it, and a VIEW-CHANGE of
 * a full log stays small.
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
