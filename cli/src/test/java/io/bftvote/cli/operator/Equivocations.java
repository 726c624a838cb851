package io.bftvote.cli.operator;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A four-replica cluster whose keys the test holds, so it can make honest and lying messages. */
final class Equivocations {
  static final String DETECTED_AT = "2026-11-21T12:00:00Z";

  final List<Ed25519.KeyPair> keys = new ArrayList<>();
  final Cluster cluster;

  Equivocations() {
    for (int i = 0; i < 4; i++) {
      keys.add(Ed25519.KeyPair.generate());
    }
    cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
  }

  Path saveCluster(Path dir) {
    Path file = dir.resolve("cluster.json");
    cluster.save(file);
    return file;
  }

  /** A digest that is obviously the test's: the SHA-256 of a word. */
  static String digest(String word) {
    return Bytes.sha256Hex(Bytes.utf8(word));
  }

  /** ⟨PREPARE, v, n, d, i⟩ signed by replica i itself. */
  ConsensusMessage prepare(int sender, long view, long sequence, String digest) {
    return ConsensusMessage.of(Phase.PREPARE, view, sequence, digest, sender).signedBy(keys.get(sender));
  }

  /** A message claiming {@code claimedSender} but signed with another replica's key. */
  ConsensusMessage forgedPrepare(int claimedSender, int signer, long view, long sequence, String digest) {
    return ConsensusMessage.of(Phase.PREPARE, view, sequence, digest, claimedSender).signedBy(keys.get(signer));
  }

  /** Replica 3 signs prepares for two digests at (view 0, sequence 12): a real equivocation. */
  Detection replicaThreeEquivocates() {
    return detection(3, prepare(3, 0, 12, digest("a")), prepare(3, 0, 12, digest("b")));
  }

  static Detection detection(int accused, ConsensusMessage first, ConsensusMessage second) {
    return new Detection(Detection.EQUIVOCATION, accused, first.view(), first.sequence(), first.phase(),
        List.of(first, second), DETECTED_AT);
  }
}
