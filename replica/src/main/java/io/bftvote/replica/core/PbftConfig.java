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
 * @param watermarkWindow L in PBFT §4.3: the log accepts sequences in (h, h + L], h being the
 *     last stable checkpoint
 * @param checkpointInterval K in PBFT §4.3: a replica signs a checkpoint of its ledger every K
 *     sequence numbers; L must leave room for K plus the primary's window, so that the primary
 *     never waits for a checkpoint it has not yet been able to reach
 * @param viewChangeTimeoutMillis how long a backup waits for a pending request to execute before
 *     it suspects the primary (PBFT §4.4); doubled for every view since the last in which a
 *     checkpoint became stable
 * @param maxViewChangeTimeoutMillis the cap of that doubling, so a long outage does not leave the
 *     cluster waiting hours for its next attempt
 */
public record PbftConfig(int id, Cluster cluster, int maxBatch, long batchDelayMillis, int window,
                         long watermarkWindow, long checkpointInterval, long viewChangeTimeoutMillis,
                         long maxViewChangeTimeoutMillis) {
  /**
   * Room for 200 ms of 5,000 votes/s: at the rates this machine sustains, the batch delay decides
   * when a batch leaves, not this cap (at 500, 3,000 votes/s filled a batch in 167 ms, and a backlog
   * drained in batches half the size it could have).
   */
  public static final int DEFAULT_MAX_BATCH = 1000;
  /**
   * Every sequence costs each replica the same protocol work whatever its batch holds (a
   * pre-prepare, prepares and commits to sign, fetch, parse and verify, a reply root to sign, a
   * log write), so fewer, larger batches leave more of the machine to the ballots. 50 ms instead of
   * 20 took the devnet's ceiling from ~2,150 to ~2,800 votes/s (sixth round); 100 ms instead of 50
   * took 15 % off the devnet's CPU at 1,500 votes/s (ninth round); 200 ms with batches of up to
   * 1,000 took 4–28 % off its CPU a vote at 1,000–2,000 votes/s against 100 ms the same day, and
   * held 3,000 votes/s with p99 561 ms where 100 ms fell behind (tenth round). The price is
   * latency at low load: p50 at 1,000 votes/s 159 ms instead of 117 (BENCHMARKS.md).
   */
  public static final long DEFAULT_BATCH_DELAY_MILLIS = 200;
  public static final int DEFAULT_WINDOW = 16;
  public static final long DEFAULT_WATERMARK_WINDOW = 256;
  public static final long DEFAULT_CHECKPOINT_INTERVAL = 128;
  public static final long DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS = 2_000;
  public static final long DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS = 30_000;

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
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpointInterval must be at least 1, got " + checkpointInterval);
    }
    // The primary may only propose what backups will accept, and must be able to reach the next
    // checkpoint with a full window in flight, or the log would fill before anything turns stable.
    if (watermarkWindow < checkpointInterval + window) {
      throw new IllegalArgumentException("watermarkWindow (" + watermarkWindow + ") must be at least "
          + "checkpointInterval (" + checkpointInterval + ") + window (" + window + ")");
    }
    if (viewChangeTimeoutMillis < 1 || maxViewChangeTimeoutMillis < viewChangeTimeoutMillis) {
      throw new IllegalArgumentException("view change timeouts must satisfy 1 <= timeout (" + viewChangeTimeoutMillis
          + ") <= max (" + maxViewChangeTimeoutMillis + ")");
    }
  }

  /**
   * The normal-case settings only: a checkpoint every half log (at most {@value
   * #DEFAULT_CHECKPOINT_INTERVAL}) and the default view change timeouts.
   */
  public PbftConfig(int id, Cluster cluster, int maxBatch, long batchDelayMillis, int window, long watermarkWindow) {
    this(id, cluster, maxBatch, batchDelayMillis, window, watermarkWindow,
        Math.max(1, Math.min(DEFAULT_CHECKPOINT_INTERVAL, watermarkWindow / 2)), DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS,
        DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS);
  }

  public static PbftConfig defaults(int id, Cluster cluster) {
    return new PbftConfig(id, cluster, DEFAULT_MAX_BATCH, DEFAULT_BATCH_DELAY_MILLIS, DEFAULT_WINDOW,
        DEFAULT_WATERMARK_WINDOW, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS,
        DEFAULT_MAX_VIEW_CHANGE_TIMEOUT_MILLIS);
  }

  /** The same settings with other view change timeouts. */
  public PbftConfig withViewChangeTimeouts(long timeoutMillis, long maxTimeoutMillis) {
    return new PbftConfig(id, cluster, maxBatch, batchDelayMillis, window, watermarkWindow, checkpointInterval,
        timeoutMillis, maxTimeoutMillis);
  }

  /** The same settings with another checkpoint interval and log size. */
  public PbftConfig withCheckpoints(long interval, long logWindow) {
    return new PbftConfig(id, cluster, maxBatch, batchDelayMillis, window, logWindow, interval,
        viewChangeTimeoutMillis, maxViewChangeTimeoutMillis);
  }

  /** The primary of the given view (PBFT §4: v mod n). */
  public int primary(long view) {
    return cluster.primary(view);
  }
}
