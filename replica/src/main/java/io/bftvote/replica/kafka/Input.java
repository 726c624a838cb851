package io.bftvote.replica.kafka;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;

/** What the readers hand the event loop, already parsed and verified. */
sealed interface Input {
  /** A ballot with a valid signature, read from {@code bft.requests} at {@code offset}. */
  record RequestArrived(Ballot ballot, long offset) implements Input {}

  /** Every {@code bft.requests} record before {@code nextOffset} has been handed over (or dropped). */
  record RequestsRead(long nextOffset) implements Input {}

  /** A consensus message from another replica: sender known, signature valid, addressed to us. */
  record MessageArrived(ConsensusMessage message) implements Input {}

  /** A pre-prepare signed by its sender, whose digest is its batch's, holding a ballot that fails its check. */
  record InvalidProposal(ConsensusMessage prePrepare) implements Input {}

  /** A block from {@code bft.blocks} above our height: certificate and ballots verified. */
  record BlockArrived(CertifiedBlock block) implements Input {}
}
