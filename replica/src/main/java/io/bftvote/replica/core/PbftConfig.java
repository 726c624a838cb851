package io.bftvote.replica.core;

import io.bftvote.topics.Cluster;

/**
 * How one replica runs the protocol.
 *
 * @param id this replica's index in the cluster
 * @param cluster who the replicas are (n, f, quorum, primary of a view)
 * @param maxBatch most ballots in one pre-prepare
 * @param batchDelayMillis how long the primary lets the oldest queued ballot wait for company
 *     before proposing a partial batch
 * @param window how many sequence numbers the primary keeps in flight (proposed, not executed)
 * @param watermarkWindow k in PBFT §4.3: the log accepts sequences in (h, h + k], h being the
 *     executed (for now also the stable) height
 */
public record PbftConfig(int id, Cluster cluster, int maxBatch, long batchDelayMillis, int window,
                         long watermarkWindow) {
  public static final int DEFAULT_MAX_BATCH = 500;
  public static final long DEFAULT_BATCH_DELAY_MILLIS = 20;
  public static final int DEFAULT_WINDOW = 16;
  public static final long DEFAULT_WATERMARK_WINDOW = 256;

  public PbftConfig {
    if (cluster == null) {
      throw new IllegalArgumentException("a replica needs its cluster");
    }
    if (!cluster.isReplica(id)) {
      throw new IllegalArgumentException("replica id " + id + " is not in a cluster of " + cluster.n());
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (batchDelayMillis < 0) {
      throw new IllegalArgumentException("batchDelayMillis must not be negative, got " + batchDelayMillis);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
    // The primary may only propose what backups will accept, so its window fits in the log's.
    if (watermarkWindow < window) {
      throw new IllegalArgumentException(
          "watermarkWindow (" + watermarkWindow + ") must be at least window (" + window + ")");
    }
  }

  public static PbftConfig defaults(int id, Cluster cluster) {
    return new PbftConfig(id, cluster, DEFAULT_MAX_BATCH, DEFAULT_BATCH_DELAY_MILLIS, DEFAULT_WINDOW,
        DEFAULT_WATERMARK_WINDOW);
  }

  /** The primary of the given view (PBFT §4: v mod n). */
  public int primary(long view) {
    return cluster.primary(view);
  }
}
