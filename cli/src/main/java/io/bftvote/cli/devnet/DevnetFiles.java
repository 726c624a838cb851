package io.bftvote.cli.devnet;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The genesis of a devnet, written into its data directory on the first run and reused on every
 * later one, so a restart resumes the same election with the same replica keys:
 * {@code keys/replica-i.key}, {@code cluster.json}, {@code elections.json}.
 */
public final class DevnetFiles {
  private final Path dataDir;

  public DevnetFiles(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Path clusterFile() {
    return dataDir.resolve("cluster.json");
  }

  public Path electionsFile() {
    return dataDir.resolve("elections.json");
  }

  public Path keyFile(int replica) {
    return dataDir.resolve("keys").resolve("replica-" + replica + ".key");
  }

  public Path replicaDir(int replica) {
    return dataDir.resolve("replica-" + replica);
  }

  public Path brokerDir() {
    return dataDir.resolve("broker");
  }

  public Path tallyDir() {
    return dataDir.resolve("tally");
  }

  /** Creates what is missing and checks that what exists belongs together. */
  public void prepare(int replicas) {
    Cluster existing = Files.exists(clusterFile()) ? Cluster.load(clusterFile()) : null;
    if (existing != null && existing.n() != replicas) {
      throw new IllegalArgumentException(dataDir + " holds a devnet of " + existing.n() + " replicas; run it with"
          + " --replicas " + existing.n() + ", or use a new --data directory for " + replicas);
    }
    List<String> publicKeys = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      Ed25519.KeyPair key = KeyFile.loadOrCreate(keyFile(i));
      if (existing != null && !existing.publicKey(i).equals(key.publicKey())) {
        throw new IllegalArgumentException(keyFile(i) + " is not the key of replica " + i + " in " + clusterFile()
            + "; the directory was tampered with — restore the key or start over in a new --data directory");
      }
      publicKeys.add(key.publicKey());
    }
    if (existing == null) {
      new Cluster(publicKeys).save(clusterFile());
    }
    if (!Files.exists(electionsFile())) {
      Elections.demo().save(electionsFile());
    }
    Elections.load(electionsFile()); // fail now, with the file's name, if someone broke it
  }
}
