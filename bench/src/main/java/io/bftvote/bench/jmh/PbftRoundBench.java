package io.bftvote.bench.jmh;

import io.bftvote.replica.core.Action;
import io.bftvote.replica.core.Event;
import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The PBFT core ({@link Pbft}, pure: no Kafka, no threads) at a backup of n = 4 handling one full
 * normal-case round (§4.2) for a 500-ballot batch: the primary's pre-prepare, two prepares, three
 * commits, until it asks to execute. Message signatures were verified at the edge, so this is the
 * core's own cost: its guards (digest of the batch, repeated-request check), its bookkeeping, and
 * signing its own prepare and commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PbftRoundBench {
  private static final int BACKUP = 1;

  private List<Ed25519.KeyPair> keys;
  private Cluster cluster;
  private List<ConsensusMessage> round;
  private Pbft core;

  @Setup(Level.Trial)
  public void prepareRound() {
    keys = Fixtures.replicaKeys(4);
    cluster = Fixtures.cluster(keys);
    List<Ballot> batch = Fixtures.ballots(Fixtures.BATCH);
    String digest = BatchDigest.of(batch);
    round = new ArrayList<>();
    round.add(ConsensusMessage.of(Phase.PRE_PREPARE, 0, 1, digest, 0).withBatch(batch).signedBy(keys.get(0)));
    for (int sender : new int[] {2, 3}) {
      round.add(ConsensusMessage.of(Phase.PREPARE, 0, 1, digest, sender).signedBy(keys.get(sender)));
    }
    for (int sender : new int[] {0, 2, 3}) {
      round.add(ConsensusMessage.of(Phase.COMMIT, 0, 1, digest, sender).signedBy(keys.get(sender)));
    }
    freshCore();
    if (handleRound().stream().noneMatch(a -> a instanceof Action.Execute)) {
      throw new IllegalStateException("the round did not commit: the benchmark would not measure a full round");
    }
  }

  /** A fresh backup for every round: a round's messages are for sequence 1 of view 0. */
  @Setup(Level.Invocation)
  public void freshCore() {
    Ed25519.KeyPair own = keys.get(BACKUP);
    core = new Pbft(PbftConfig.defaults(BACKUP, cluster), unsigned -> unsigned.signedBy(own), 0, 0);
  }

  @Benchmark
  public List<Action> prepareCommitRoundOf500() {
    return handleRound();
  }

  private List<Action> handleRound() {
    List<Action> actions = new ArrayList<>();
    for (ConsensusMessage message : round) {
      actions.addAll(core.handle(new Event.MessageReceived(message, 0)));
    }
    return actions;
  }
}
