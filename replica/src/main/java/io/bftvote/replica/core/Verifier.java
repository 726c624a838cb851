package io.bftvote.replica.core;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;

/**
 * Checks a replica's signature on a message nested inside another: the checkpoints and prepared
 * certificates a VIEW-CHANGE carries and the VIEW-CHANGEs a NEW-VIEW carries (PBFT §4.4). The
 * message that arrives is verified at the edge; what it quotes is checked here, because only the
 * core knows which quoted messages it will rely on. A pure function, like {@link Signer}.
 */
@FunctionalInterface
public interface Verifier {
  /** True if the message is signed by the key of the replica it names as sender. */
  boolean verifies(ConsensusMessage signed);

  /** The real scheme: Ed25519 under the cluster's keys. */
  static Verifier ed25519(Cluster cluster) {
    return signed -> signed.hasValidSignature(cluster);
  }
}
