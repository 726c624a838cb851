package io.bftvote.replica.byzantine;

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
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The players of a Byzantine test: n replicas with real keys, a voter, the honest messages a
 * replica's core would ask to send, and honest cores to show the lies to.
 */
final class Cast {
  private final List<Ed25519.KeyPair> keys;
  private final Cluster cluster;
  private final Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
  private int nextNonce;

  Cast(int n) {
    keys = IntStream.range(0, n).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
    cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }

  Cluster cluster() {
    return cluster;
  }

  Ed25519.KeyPair key(int replica) {
    return keys.get(replica);
  }

  Traitor traitor(int replica) {
    return new Traitor(replica, cluster, keys.get(replica), new Random(42));
  }

  Misbehaviour liar(int replica, String mode) {
    return Misbehaviour.parse(mode, traitor(replica));
  }

  /** An honest replica in view 0 at height 0, as the adapter builds it. */
  Pbft honestCore(int replica) {
    Ed25519.KeyPair key = keys.get(replica);
    return new Pbft(PbftConfig.defaults(replica, cluster), unsigned -> unsigned.signedBy(key), 0, 0);
  }

  /** What an honest core does with a message that passed the edge. */
  List<Action> deliver(Pbft core, ConsensusMessage message) {
    return core.handle(new Event.MessageReceived(message, 0));
  }

  List<Ballot> ballots(int count) {
    List<Ballot> ballots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ballots.add(Ballot.sign(voter, "demo", "alice", "n-" + nextNonce++));
    }
    return ballots;
  }

  ConsensusMessage prePrepare(int sender, long view, long sequence, List<Ballot> batch) {
    return ConsensusMessage.of(Phase.PRE_PREPARE, view, sequence, BatchDigest.of(batch), sender).withBatch(batch)
        .signedBy(keys.get(sender));
  }

  ConsensusMessage vote(Phase phase, int sender, long view, long sequence, String digest) {
    return ConsensusMessage.of(phase, view, sequence, digest, sender).signedBy(keys.get(sender));
  }

  static List<Action> broadcasts(ConsensusMessage... signed) {
    return List.of(signed).stream().<Action>map(Action.Broadcast::new).toList();
  }

  static List<ConsensusMessage> sent(List<Action> actions) {
    return actions.stream().filter(Action.Broadcast.class::isInstance).map(a -> ((Action.Broadcast) a).signed())
        .toList();
  }
}
