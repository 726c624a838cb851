package io.bftvote.cli.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetFilesTest {
  @TempDir
  Path dir;

  @Test
  void theFirstRunWritesKeysClusterAndTheDemoElection() {
    DevnetFiles files = new DevnetFiles(dir);
    files.prepare(4);

    Cluster cluster = Cluster.load(files.clusterFile());
    assertEquals(4, cluster.n());
    for (int i = 0; i < 4; i++) {
      assertEquals(cluster.publicKey(i), KeyFile.load(files.keyFile(i)).publicKey());
    }
    assertEquals(Elections.demo().hash(), Elections.load(files.electionsFile()).hash());
  }

  @Test
  void aRestartReusesTheSameGenesisByteForByte() throws Exception {
    DevnetFiles files = new DevnetFiles(dir);
    files.prepare(4);
    String cluster = Files.readString(files.clusterFile());
    String key0 = Files.readString(files.keyFile(0));

    files.prepare(4);

    assertEquals(cluster, Files.readString(files.clusterFile()));
    assertEquals(key0, Files.readString(files.keyFile(0)));
  }

  @Test
  void aDifferentReplicaCountOnTheSameFolderIsRefused() {
    new DevnetFiles(dir).prepare(4);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DevnetFiles(dir).prepare(7));

    assertTrue(e.getMessage().contains("--replicas 4"), e.getMessage());
  }

  @Test
  void aReplacedReplicaKeyIsRefused() throws Exception {
    DevnetFiles files = new DevnetFiles(dir);
    files.prepare(4);
    Files.delete(files.keyFile(2));
    KeyFile.save(Ed25519.KeyPair.generate(), files.keyFile(2));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.prepare(4));

    assertTrue(e.getMessage().contains("is not the key of replica 2"), e.getMessage());
  }

  @Test
  void everyDevnetModeIsTheReplicaModeOfTheSameName() {
    for (ByzantineMode mode : ByzantineMode.values()) {
      assertEquals(mode.name().toLowerCase(java.util.Locale.ROOT), mode.replicaMode().wire());
    }
    assertEquals(ByzantineMode.values().length, io.bftvote.replica.byzantine.Mode.values().length);
  }

  @Test
  void byzantineSpecsParseAndNameTheirMistakes() {
    assertEquals(ByzantineMode.EQUIVOCATE, ByzantineMode.parse("3:equivocate").getValue());
    assertEquals(3, ByzantineMode.parse("3:equivocate").getKey());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ByzantineMode.parse("silent"))
        .getMessage().contains("ID:MODE"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ByzantineMode.parse("x:silent"))
        .getMessage().contains("not a replica id"));
  }
}
