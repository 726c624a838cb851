package io.bftvote.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks replies, verifying each replica's signature over a block's reply root once, and hashing
 * each inner node of its reply tree once ({@link KnownParents}): the hundreds of replies of one
 * block then cost a leaf hash and some lookups each. Thread-safe; the memory of verified roots is
 * bounded (least recently used goes first), that of inner nodes fixed.
 */
public final class ReplyVerifier {
  private static final int DEFAULT_REMEMBERED_ROOTS = 4_096;
  private final Cluster cluster;
  private final Map<RootStatement, Boolean> verifiedRoots;
  private final KnownParents knownParents = new KnownParents();
  private long signatureChecks;

  public ReplyVerifier(Cluster cluster) {
    this(cluster, DEFAULT_REMEMBERED_ROOTS);
  }

  public ReplyVerifier(Cluster cluster, int rememberedRoots) {
    this.cluster = cluster;
    this.verifiedRoots = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<RootStatement, Boolean> eldest) {
        return size() > rememberedRoots;
      }
    };
  }

  /** True if the reply is signed by the replica it names, through a proof that holds. */
  public boolean verifies(Reply reply) {
    if (reply.signature() == null || !cluster.isReplica(reply.replica()) || !reply.proofHolds(knownParents)) {
      return false;
    }
    RootStatement statement = new RootStatement(reply.replica(), reply.height(), reply.root(), reply.signature());
    synchronized (verifiedRoots) {
      if (verifiedRoots.containsKey(statement)) {
        return true;
      }
    }
    boolean valid = Ed25519.verify(cluster.publicKey(reply.replica()), reply.signedBytes(), reply.signature());
    synchronized (verifiedRoots) {
      signatureChecks++;
      if (valid) {
        verifiedRoots.put(statement, Boolean.TRUE);
      }
    }
    return valid;
  }

  /** How many Ed25519 verifications this verifier has run: for metrics and tests. */
  public long signatureChecks() {
    synchronized (verifiedRoots) {
      return signatureChecks;
    }
  }

  /**
   * A replica's signed word on one block's reply root. The signature is part of it: a forged
   * signature over a genuine root is checked anew. A record, not a joined string, as it is built
   * for every reply read.
   */
  private record RootStatement(int replica, long height, String root, String signature) {}
}
