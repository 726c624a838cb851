package io.bftvote.tally;

import io.bftvote.topics.Block;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Four replicas (f = 1) with real keys, signing consensus messages and commit certificates for test blocks. */
final class TestReplicas {
  static final long VIEW = 0;
  private final List<Ed25519.KeyPair> keys = new ArrayList<>();
  private final Cluster cluster;

  TestReplicas() {
    for (int i = 0; i < 4; i++) {
      keys.add(Ed25519.KeyPair.generate());
    }
    cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }

  Cluster cluster() {
    return cluster;
  }

  Ed25519.KeyPair key(int replica) {
    return keys.get(replica);
  }

  /** The block with a quorum (2f+1 = 3) of commits, from replicas 0, 1 and 2. */
  CertifiedBlock certify(Block block) {
    return certifyBy(block, 0, 1, 2);
  }

  /** The block with commits for its own height and digest from exactly these replicas. */
  CertifiedBlock certifyBy(Block block, int... replicas) {
    return new CertifiedBlock(block, Arrays.stream(replicas)
        .mapToObj(i -> commit(block.height(), block.digest(), i)).toList());
  }

  /** ⟨phase, v, n, d, i⟩ signed by replica i, broadcast. */
  ConsensusMessage signed(Phase phase, long view, long sequence, String digest, int replica) {
    return ConsensusMessage.of(phase, view, sequence, digest, replica).signedBy(keys.get(replica));
  }

  /** A digest that stands for a batch or state named {@code what}. */
  static String digest(String what) {
    return Bytes.sha256Hex(Bytes.utf8(what));
  }

  /** ⟨COMMIT, v, n, d, i⟩ signed by replica i. */
  ConsensusMessage commit(long height, String digest, int replica) {
    return ConsensusMessage.of(Phase.COMMIT, VIEW, height, digest, replica).signedBy(keys.get(replica));
  }
}
