package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;

/**
 * Signs this replica's outgoing messages. The adapter wraps the replica's key, so the core never
 * holds key material; tests wrap a generated key.
 */
@FunctionalInterface
public interface Signer {
  /** The same message with this replica's signature; everything else unchanged. */
  ConsensusMessage sign(ConsensusMessage unsigned);
}
