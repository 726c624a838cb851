package io.bftvote.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A system with a fixed capacity, on a clock of its own: a step offered more than it can commit
 * leaves a backlog, which it then works off at its capacity as the clock moves on; its slower
 * replicas keep replying for a while after the last vote is final. A step that starts on a
 * backlog misses, as on the real system. Steps take no real time: the clock moves only when
 * a step runs or the wait parks.
 */
final class FakeLoad implements Steps.Load, IdleWait.Clock {
  static final long STEP_NANOS = TimeUnit.SECONDS.toNanos(40);

  /** What a step found when it started. */
  record Start(double rate, long outstanding, Settling settling) {}

  private final double capacity;
  private final long replicaLagNanos;
  private final List<Start> starts = new ArrayList<>();
  private long now;
  private double backlog;
  private long lastWorkAt;
  private long repliesRead;
  private boolean ran;

  /** @param capacity votes/s committed at most; @param replicaLagNanos how long the slower replicas reply after */
  FakeLoad(double capacity, long replicaLagNanos) {
    this.capacity = capacity;
    this.replicaLagNanos = replicaLagNanos;
  }

  @Override
  public RunReport run(double rate, Settling settling) {
    long outstanding = outstanding();
    starts.add(new Start(rate, outstanding, settling));
    ran = true;
    // Over the step the system commits at its capacity, whatever it started with; replicas reply throughout.
    backlog = Math.max(0, backlog + (rate - capacity) * STEP_NANOS / 1e9);
    now += STEP_NANOS;
    lastWorkAt = now;
    repliesRead += (long) (Math.min(rate, capacity) * STEP_NANOS / 1e9);
    boolean passed = rate <= capacity && outstanding == 0;
    return Samples.run(rate, Math.min(rate, capacity), passed ? 200 : 2_000, passed, settling);
  }

  @Override
  public Backlog backlog() {
    return ran ? new Backlog(outstanding(), repliesRead) : Backlog.NONE;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void park(long nanos) {
    advance(nanos);
  }

  List<Start> starts() {
    return starts;
  }

  private long outstanding() {
    return (long) Math.ceil(backlog);
  }

  /** The clock moves on: the backlog shrinks at capacity, and replicas reply while there is work or they lag. */
  private void advance(long nanos) {
    now += nanos;
    if (backlog > 0) {
      backlog = Math.max(0, backlog - capacity * nanos / 1e9);
      lastWorkAt = now;
    }
    if (now <= lastWorkAt + replicaLagNanos) {
      repliesRead += 1 + nanos / 1_000_000;
    }
  }
}
