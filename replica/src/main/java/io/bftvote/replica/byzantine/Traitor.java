package io.bftvote.replica.byzantine;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a faulty replica has to lie with: its id, the cluster it lies to, its own signing key and
 * a seeded {@link Random}, so that a run with the same seed tells the same lies. Not thread-safe:
 * the replica's event loop is its only caller.
 */
public final class Traitor {
  private final int id;
  private final Cluster cluster;
  private final Ed25519.KeyPair key;
  private final Random random;

  public Traitor(int id, Cluster cluster, Ed25519.KeyPair key, Random random) {
    if (!cluster.isReplica(id)) {
      throw new IllegalArgumentException("replica " + id + " is not in the cluster of " + cluster.n());
    }
    if (!cluster.publicKey(id).equals(key.publicKey())) {
      throw new IllegalArgumentException("the key given to replica " + id + " is not its key in the cluster file");
    }
    this.id = id;
    this.cluster = cluster;
    this.key = key;
    this.random = random;
  }

  /** Seeded with the replica id: each faulty replica lies differently, the same way every run. */
  public static Traitor seededById(int id, Cluster cluster, Ed25519.KeyPair key) {
    return new Traitor(id, cluster, key, new Random(id));
  }

  public int id() {
    return id;
  }

  Random random() {
    return random;
  }

  /** Signs with this replica's own key, whoever the message claims to come from. */
  ConsensusMessage sign(ConsensusMessage unsigned) {
    return unsigned.signedBy(key);
  }

  boolean isPrimaryOf(long view) {
    return cluster.primary(view) == id;
  }

  /** Another replica, picked at random: the one a forgery claims to come from. */
  int someoneElse() {
    return (id + 1 + random.nextInt(cluster.n() - 1)) % cluster.n();
  }

  /**
   * Every other replica, shuffled and cut in two: a disjoint cover of them, so that each one gets
   * exactly one of two conflicting messages and neither side can tell from its own inbox.
   */
  Halves halves() {
    List<Integer> others = new ArrayList<>(cluster.n() - 1);
    for (int r = 0; r < cluster.n(); r++) {
      if (r != id) {
        others.add(r);
      }
    }
    Collections.shuffle(others, random);
    int cut = (others.size() + 1) / 2;
    return new Halves(List.copyOf(others.subList(0, cut)), List.copyOf(others.subList(cut, others.size())));
  }

  /** Two disjoint groups of recipients. */
  record Halves(List<Integer> first, List<Integer> second) {}
}
