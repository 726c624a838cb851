package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * A stable checkpoint (PBFT §4.3): 2f+1 replicas signed the same state digest (the ledger head
 * hash) at {@code sequence}, and {@code proof} holds those signed checkpoints. The genesis state
 * at sequence 0 needs no proof: every replica starts from it.
 */
record StableCheckpoint(long sequence, String digest, List<ConsensusMessage> proof) {
  static final StableCheckpoint GENESIS = new StableCheckpoint(0, null, List.of());

  StableCheckpoint {
    proof = List.copyOf(proof);
  }
}
