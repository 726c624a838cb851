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
 * Ed25519 through topics' {@link Ed25519} (BouncyCastle's low-level API): the cost every replica
 * pays per ballot (verify), per protocol message and per reply (sign). Throughput on one thread,
 * so ops/s is the per-core ceiling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519Bench {
  private Ed25519.KeyPair voter;
  private byte[] message;
  private String signature;

  @Setup
  public void sign() {
    voter = Ed25519.KeyPair.generate();
    Ballot ballot = Ballot.sign(voter, "demo", "alice", "n-1");
    message = ballot.signedBytes();
    signature = ballot.signature();
  }

  /** One signature over a ballot's signed bytes (what a voter, and a replica per reply, pays). */
  @Benchmark
  public byte[] signBallotBytes() {
    return voter.sign(message);
  }

  /** One verification, the voter's decoded key already cached (as for every ballot after its first check). */
  @Benchmark
  public boolean verifyBallotSignature() {
    return Ed25519.verify(voter.publicKey(), message, signature);
  }

  /** A fresh voter key: the pre-signing cost per ballot of the load generator, on top of the signature. */
  @Benchmark
  public Ed25519.KeyPair generateKey() {
    return Ed25519.KeyPair.generate();
  }
}
