package io.bftvote.replica;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup checks that need no broker: they fail before the replica talks to anyone. */
class ReplicaAppTest {
  @TempDir Path dir;

  @Test
  void aReplicaRefusesAKeyThatTheClusterDoesNotListForItsId() throws Exception {
    Cluster cluster = new Cluster(IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate().publicKey()).toList());
    cluster.save(dir.resolve("cluster.json"));
    Elections.demo().save(dir.resolve("elections.json"));
    KeyFile.save(Ed25519.KeyPair.generate(), dir.resolve("stranger.key"));
    ReplicaConfig config = ReplicaConfig.defaults(1, "localhost:1", dir.resolve("replica-1"), dir.resolve("stranger.key"),
        dir.resolve("cluster.json"), dir.resolve("elections.json")).withAdminPort(0);

    try (ReplicaApp app = new ReplicaApp(config)) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, app::start);
      assertTrue(refused.getMessage().contains("lists " + cluster.publicKey(1) + " for replica 1"), refused.getMessage());
    }
  }

  @Test
  void aReplicaRefusesAnIdOutsideTheCluster() throws Exception {
    Cluster cluster = new Cluster(IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate().publicKey()).toList());
    cluster.save(dir.resolve("cluster.json"));
    Elections.demo().save(dir.resolve("elections.json"));
    KeyFile.save(Ed25519.KeyPair.generate(), dir.resolve("any.key"));
    ReplicaConfig config = ReplicaConfig.defaults(4, "localhost:1", dir.resolve("replica-4"), dir.resolve("any.key"),
        dir.resolve("cluster.json"), dir.resolve("elections.json")).withAdminPort(0);

    try (ReplicaApp app = new ReplicaApp(config)) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, app::start);
      assertTrue(refused.getMessage().contains("not in the cluster of 4"), refused.getMessage());
    }
  }
}
