package io.bftvote.bench.jmh;

import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wire encoding of {@code bft.consensus}: a prepare (a few hundred bytes; n of them per
 * sequence, read by every replica) and a pre-prepare carrying 500 ballots (~170 KB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConsensusJsonBench {
  private ConsensusMessage prepare;
  private ConsensusMessage prePrepare;
  private byte[] prepareJson;
  private byte[] prePrepareJson;

  @Setup
  public void encode() {
    Ed25519.KeyPair key = Ed25519.KeyPair.generate();
    var batch = Fixtures.ballots(Fixtures.BATCH);
    String digest = BatchDigest.of(batch);
    prePrepare = ConsensusMessage.of(Phase.PRE_PREPARE, 0, 1, digest, 0).withBatch(batch).signedBy(key);
    prepare = ConsensusMessage.of(Phase.PREPARE, 0, 1, digest, 1).signedBy(key);
    prepareJson = Json.write(prepare);
    prePrepareJson = Json.write(prePrepare);
  }

  @Benchmark
  public byte[] encodePrepare() {
    return Json.write(prepare);
  }

  @Benchmark
  public ConsensusMessage decodePrepare() {
    return Json.read(prepareJson, ConsensusMessage.class);
  }

  @Benchmark
  public byte[] encodePrePrepareOf500() {
    return Json.write(prePrepare);
  }

  @Benchmark
  public ConsensusMessage decodePrePrepareOf500() {
    return Json.read(prePrepareJson, ConsensusMessage.class);
  }
}
