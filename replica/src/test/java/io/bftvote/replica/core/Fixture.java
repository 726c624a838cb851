package io.bftvote.replica.core;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A cluster of real Ed25519 replica keys, and signed messages from any of them: lets a test play
 * every peer of the replica under test, honest or not.
 */
final class Fixture {
  private final List<Ed25519.KeyPair> keys;
  private final Cluster cluster;
  private final Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
  private int nextNonce;

  private Fixture(int n) {
    keys = IntStream.range(0, n).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
    cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }

  static Fixture of(int n) {
    return new Fixture(n);
  }

  Cluster cluster() {
    return cluster;
  }

  Signer signer(int replica) {
    Ed25519.KeyPair key = keys.get(replica);
    return unsigned -> unsigned.signedBy(key);
  }

  /** A replica with small batches and short delays, so tests exercise batching and windows. */
  PbftConfig config(int replica, int maxBatch, long batchDelayMillis, int window) {
    return new PbftConfig(replica, cluster, maxBatch, batchDelayMillis, window, 64);
  }

  /** Replica {@code replica} started fresh at height 0 in view 0. */
  Pbft replica(int replica, int maxBatch, long batchDelayMillis, int window) {
    return new Pbft(config(replica, maxBatch, batchDelayMillis, window), signer(replica), 0, 0);
  }

  /** Fresh, distinct ballots (new nonces) signed by a real voter key. */
  List<Ballot> ballots(int count) {
    List<Ballot> ballots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ballots.add(Ballot.sign(voter, "demo", "alice", "n-" + nextNonce++));
    }
    return ballots;
  }

  ConsensusMessage prePrepare(int sender, long view, long sequence, List<Ballot> batch) {
    return sign(sender, ConsensusMessage.of(Phase.PRE_PREPARE, view, sequence, BatchDigest.of(batch), sender)
        .withBatch(batch));
  }

  ConsensusMessage prepare(int sender, long view, long sequence, String digest) {
    return sign(sender, ConsensusMessage.of(Phase.PREPARE, view, sequence, digest, sender));
  }

  ConsensusMessage commit(int sender, long view, long sequence, String digest) {
    return sign(sender, ConsensusMessage.of(Phase.COMMIT, view, sequence, digest, sender));
  }

  ConsensusMessage sign(int sender, ConsensusMessage unsigned) {
    return unsigned.signedBy(keys.get(sender));
  }
}
