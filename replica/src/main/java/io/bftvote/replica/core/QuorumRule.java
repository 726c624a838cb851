package io.bftvote.replica.core;

import io.bftvote.topics.Cluster;

/**
 * The quorum sizes of PBFT (§4.2, §4.3, §4.4): how many matching votes from distinct replicas
 * make a certificate. Any two quorums of 2f+1 out of 3f+1 share f+1 replicas, at least one of them
 * honest: that intersection is what every safety argument of the protocol rests on.
 *
 * <p>Not final, package-private: a test subclass that lowers a quorum builds the broken core the
 * simulation must catch.
 */
class QuorumRule {
  private final Cluster cluster;

  QuorumRule(Cluster cluster) {
    this.cluster = cluster;
  }

  /** prepared(m, v, n, i): the pre-prepare and this many matching prepares from distinct backups (2f). */
  int prepares() {
    return 2 * cluster.f();
  }

  /** committed-local(m, v, n, i): prepared, and this many matching commits (2f+1). */
  int commits() {
    return cluster.quorum();
  }

  /** This many matching checkpoints make one stable (2f+1, §4.3). */
  int checkpoints() {
    return cluster.quorum();
  }

  /** The new primary needs this many view-changes for its view (2f+1, §4.4). */
  int viewChanges() {
    return cluster.quorum();
  }

  /**
   * This many replicas asking for later views prove at least one honest replica did, so a
   * replica joins them without waiting for its own timer (f+1, §4.5.2).
   */
  int joinViewChange() {
    return cluster.f() + 1;
  }
}
