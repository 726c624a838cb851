package io.bftvote.bench.jmh;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-ballot bookkeeping around the signature: the signed bytes, the request id (SHA-256 of
 * them, hashed on a ballot's first ask and remembered), the format checks, and the whole
 * {@link Ballot#hasValidSignature()} the gateway and replicas run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BallotBench {
  private Ballot ballot;

  @Setup
  public void sign() {
    ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-1");
  }

  @Benchmark
  public byte[] signedBytes() {
    return ballot.signedBytes();
  }

  /** Asked again: what every caller after the first pays. */
  @Benchmark
  public String requestId() {
    return ballot.requestId();
  }

  /** The first ask, on a ballot as just read from a topic. */
  @Benchmark
  public String requestIdOfAFreshBallot() {
    return new Ballot(ballot.election(), ballot.voter(), ballot.candidate(), ballot.nonce(), ballot.signature())
        .requestId();
  }

  /** The format checks (regular expressions, and the voter key decoded from the cache). */
  @Benchmark
  public String problem() {
    return ballot.problem();
  }

  @Benchmark
  public boolean hasValidSignature() {
    return ballot.hasValidSignature();
  }
}
