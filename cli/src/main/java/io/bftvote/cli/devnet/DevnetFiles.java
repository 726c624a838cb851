package io.bftvote.cli.devnet;

import io.bftvote.cli.genesis.Genesis;
import java.nio.file.Path;

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

  /** Creates what is missing and checks that what exists belongs together (see {@link Genesis}). */
  public void prepare(int replicas) {
    new Genesis(clusterFile(), electionsFile(), this::keyFile).prepare(replicas, null);
  }
}
