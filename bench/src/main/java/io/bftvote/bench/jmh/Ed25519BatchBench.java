package io.bftvote.bench.jmh;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Batch verification of ballot signatures ({@link Ed25519#verifyAll}) against one-by-one
 * verification of the same ballots, on one thread. Each ballot has its own voter (as in an
 * election), and every key is already in the caches (as for {@link Ed25519Bench}).
 *
 * <p>ops/s counts whole batches: the cost per signature is 1e6 / (ops/s × batchSize) µs, to set
 * against 1e6 / (ops/s of {@code Ed25519Bench.verifyBallotSignature}) µs for a single check.
 * {@code verifyOneByOne} gives the same conversion for the singles, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519BatchBench {
  @Param({"16", "64", "256", "500"})
  public int batchSize;

  private List<Ed25519.Signed> batch;

  @Setup
  public void signBallots() {
    batch = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      batch.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-" + i).signed());
    }
    Ed25519.verifyAll(batch); // warms both key caches, as for a voter's second ballot on
  }

  /** The whole batch through the random-linear-combination equation. */
  @Benchmark
  public boolean[] verifyAll() {
    return Ed25519.verifyAll(batch);
  }

  /** The same batch, one BouncyCastle verification per signature. */
  @Benchmark
  public boolean[] verifyOneByOne() {
    boolean[] verdicts = new boolean[batch.size()];
    for (int i = 0; i < verdicts.length; i++) {
      Ed25519.Signed s = batch.get(i);
      verdicts[i] = Ed25519.verify(s.publicKeyB64(), s.message(), s.signatureB64());
    }
    return verdicts;
  }
}
