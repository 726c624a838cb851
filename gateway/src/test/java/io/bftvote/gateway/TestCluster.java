package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Reply;
import java.util.List;
import java.util.stream.IntStream;

/** Four replicas (f = 1) whose keys the test holds, so it can sign as any of them. */
final class TestCluster {
  final List<Ed25519.KeyPair> keys = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  final Cluster cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());

  Reply reply(int replica, String requestId, Outcome outcome, long height) {
    return Reply.of(requestId, outcome, height, replica).signedBy(keys.get(replica));
  }

  /** A message signed by its sender's key. */
  ConsensusMessage signed(Phase phase, long view, long sequence, String digest, int sender) {
    return ConsensusMessage.of(phase, view, sequence, digest, sender).signedBy(keys.get(sender));
  }

  /** Proof that {@code accused} signed two digests for one (view, sequence, phase). */
  Detection equivocation(int accused, long view, long sequence, Phase phase) {
    return new Detection(Detection.EQUIVOCATION, accused, view, sequence, phase, List.of(
        signed(phase, view, sequence, "aa".repeat(32), accused),
        signed(phase, view, sequence, "bb".repeat(32), accused)), "2026-11-21T12:00:00Z");
  }

  /** The same accusation with evidence signed by someone else's key: it proves nothing. */
  Detection forgedEquivocation(int accused, long view, long sequence, Phase phase) {
    Ed25519.KeyPair forger = Ed25519.KeyPair.generate();
    return new Detection(Detection.EQUIVOCATION, accused, view, sequence, phase, List.of(
        ConsensusMessage.of(phase, view, sequence, "aa".repeat(32), accused).signedBy(forger),
        ConsensusMessage.of(phase, view, sequence, "bb".repeat(32), accused).signedBy(forger)), "2026-11-21T12:00:00Z");
  }

  /** Block {@code height} holding {@code ballots}, all accepted, with commits from replicas 0, 1 and 2. */
  CertifiedBlock certifiedBlock(long height, List<Ballot> ballots) {
    Block block = Block.create(height, "00".repeat(32), BatchDigest.of(ballots), ballots,
        ballots.stream().map(b -> Outcome.ACCEPTED.code()).toList());
    List<ConsensusMessage> commits = IntStream.range(0, cluster.quorum())
        .mapToObj(i -> signed(Phase.COMMIT, 0, height, block.digest(), i)).toList();
    return new CertifiedBlock(block, commits);
  }
}
