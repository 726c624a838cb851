package io.bftvote.bench.jmh;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** d = D(m) for a full batch of 500 ballots: what the primary and every backup compute per pre-prepare. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchDigestBench {
  private List<Ballot> batch;

  @Setup
  public void sign() {
    batch = Fixtures.ballots(Fixtures.BATCH);
  }

  @Benchmark
  public String digestOf500Ballots() {
    return BatchDigest.of(batch);
  }
}
