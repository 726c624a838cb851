package io.bftvote.replica.admin;

import io.bftvote.topics.Outcome;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One replica's Prometheus metrics. Label values come from small fixed sets (phases, outcomes,
 * the core's rejection reasons, the adapter's drop reasons), so the series stay bounded.
 */
public final class ReplicaMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter blocksExecuted;
  /** At most n ids: the replicas this one caught breaking the protocol. */
  private final Set<Integer> misbehaving = new ConcurrentSkipListSet<>();

  public ReplicaMetrics(Supplier<ReplicaStatus> status, Supplier<Integer> pendingRequests) {
    blocksExecuted = Counter.builder("bftvote.replica.blocks.executed")
        .description("blocks this replica executed, by commit or by catch-up").register(registry);
    Gauge.builder("bftvote.replica.view", () -> status.get().view()).description("current view").register(registry);
    Gauge.builder("bftvote.replica.height", () -> status.get().height()).description("executed height")
        .register(registry);
    Gauge.builder("bftvote.replica.pending", pendingRequests::get)
        .description("client requests queued at this replica, not yet proposed").register(registry);
    Gauge.builder("bftvote.replica.stable.checkpoint", () -> status.get().stableCheckpoint())
        .description("sequence of the last stable checkpoint").register(registry);
  }

  /** This replica left its view (PBFT §4.4). */
  public void viewChangeStarted() {
    registry.counter("bftvote.replica.view.changes").increment();
  }

  /** The core refused a consensus message or request for a protocol reason. */
  public void rejected(String reason) {
    registry.counter("bftvote.replica.rejected", "reason", reason).increment();
  }

  /** The adapter dropped a record before the core saw it (malformed, bad signature, ...). */
  public void dropped(String topic, String reason) {
    registry.counter("bftvote.replica.dropped", "topic", topic, "reason", reason).increment();
  }

  /**
   * This replica holds signed proof that {@code replica} broke the protocol. Returns true the first
   * time that replica is caught, so the caller can log it once.
   */
  public boolean misbehaved(int replica, String reason) {
    registry.counter("bftvote.replica.misbehaviour.seen", "replica", String.valueOf(replica), "reason", reason)
        .increment();
    return misbehaving.add(replica);
  }

  /** The replicas caught so far, in id order. */
  public List<Integer> misbehaving() {
    return List.copyOf(misbehaving);
  }

  /** A consensus message from another replica passed the edge checks and went to the core. */
  public void received(Phase phase) {
    registry.counter("bftvote.replica.messages.received", "phase", phase.wire()).increment();
  }

  public void blockExecuted() {
    blocksExecuted.increment();
  }

  /**
   * One fsync of {@code file} (a fixed file name) on the durability thread took {@code nanos}; a
   * histogram, because the tail is what matters: a slow sync holds up everything published after it.
   */
  public void synced(String file, long nanos) {
    Timer.builder("bftvote.replica.fsync").description("time to force a replica file to the disk")
        .tag("file", file)
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  public void ballotExecuted(Outcome outcome) {
    registry.counter("bftvote.replica.ballots.executed", "outcome", outcome.code()).increment();
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  public void close() {
    registry.close();
  }
}
