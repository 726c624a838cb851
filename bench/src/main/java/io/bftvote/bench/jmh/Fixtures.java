package io.bftvote.bench.jmh;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.List;

/** What the benchmarks work on: voters' ballots and a cluster's keys, made once per trial. */
final class Fixtures {
  /** The primary's default batch size (PbftConfig.DEFAULT_MAX_BATCH). */
  static final int BATCH = 500;

  private Fixtures() {}

  /** {@code count} ballots, each from a fresh voter, as a busy primary would batch them. */
  static List<Ballot> ballots(int count) {
    List<Ballot> ballots = new ArrayList<>(count);
    String[] candidates = {"alice", "bob", "carol"};
    for (int i = 0; i < count; i++) {
      ballots.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidates[i % candidates.length], "n-" + i));
    }
    return ballots;
  }

  static List<Ed25519.KeyPair> replicaKeys(int n) {
    List<Ed25519.KeyPair> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(Ed25519.KeyPair.generate());
    }
    return keys;
  }

  static Cluster cluster(List<Ed25519.KeyPair> keys) {
    return new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }
}
