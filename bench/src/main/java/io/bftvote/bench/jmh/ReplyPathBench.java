package io.bftvote.bench.jmh;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyTree;
import io.bftvote.topics.ReplyVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reply path of every vote, outside the signature: a replica builds the reply tree of a full
 * block, and a client reads each of the n replies and checks its Merkle proof. Run with
 * {@code -prof gc} for the bytes allocated per operation, which is what this path was tuned for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplyPathBench {
  private Ed25519.KeyPair key;
  private List<Reply> block;
  private Reply signed;
  private byte[] wire;
  private ReplyVerifier verifier;
  private byte[] request;

  @Setup
  public void sign() {
    List<Ed25519.KeyPair> keys = Fixtures.replicaKeys(4);
    key = keys.get(0);
    block = new ArrayList<>(Fixtures.BATCH);
    for (int i = 0; i < Fixtures.BATCH; i++) {
      block.add(Reply.of(Bytes.sha256Hex(Bytes.utf8("ballot " + i)), Outcome.ACCEPTED, 9, 0));
    }
    signed = ReplyTree.sign(block, key).get(Fixtures.BATCH / 3);
    wire = Json.write(signed);
    verifier = new ReplyVerifier(Fixtures.cluster(keys));
    verifier.verifies(signed); // the root's signature is checked once per block; measure the replies after it
    request = Fixtures.ballots(1).get(0).signedBytes();
  }

  /** What a replica does per block before sending: 500 leaves, the tree, one signature, 500 proofs. */
  @Benchmark
  public List<Reply> signABlockOfReplies() {
    return ReplyTree.sign(block, key);
  }

  /** A client's hashes per reply: the leaf and the nine steps of a 500-leaf tree. */
  @Benchmark
  public boolean checkOneProof() {
    return signed.proofHolds();
  }

  /** What the gateway does per reply read: parse it, then the proof and the remembered root signature. */
  @Benchmark
  public boolean readAndVerifyOneReply() {
    return verifier.verifies(Json.read(wire, Reply.class));
  }

  /** One SHA-256 of a ballot's signed bytes, as its request id costs. */
  @Benchmark
  public byte[] sha256OfARequest() {
    return Bytes.sha256(request);
  }
}
