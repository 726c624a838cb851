package io.bftvote.cli.genesis;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A cluster's genesis: each replica's signing key, the cluster file of their public keys, and the
 * elections file. Written once and reused on every later run: a key is never replaced and files
 * that exist must belong together, because replicas that load different genesis files never agree
 * on a block.
 */
public final class Genesis {
  private final Path clusterFile;
  private final Path electionsFile;
  private final IntFunction<Path> keyFile;

  /** @param keyFile where replica i's private key lives */
  public Genesis(Path clusterFile, Path electionsFile, IntFunction<Path> keyFile) {
    this.clusterFile = clusterFile;
    this.electionsFile = electionsFile;
    this.keyFile = keyFile;
  }

  public Path clusterFile() {
    return clusterFile;
  }

  public Path electionsFile() {
    return electionsFile;
  }

  public Path keyFile(int replica) {
    return keyFile.apply(replica);
  }

  /**
   * Creates what is missing and checks what exists.
   *
   * @param elections the elections to define, or null for the existing ones (the demo election on a first run)
   */
  public Cluster prepare(int replicas, Elections elections) {
    checkReplicaCount(replicas);
    Cluster existing = Files.exists(clusterFile) ? Cluster.load(clusterFile) : null;
    if (existing != null && existing.n() != replicas) {
      throw new IllegalArgumentException(clusterFile + " is the genesis of " + existing.n() + " replicas; ask for"
          + " --replicas " + existing.n() + ", or start over in a new directory for " + replicas);
    }
    checkElectionsUnchanged(elections);
    List<String> publicKeys = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      Ed25519.KeyPair key = KeyFile.loadOrCreate(keyFile(i));
      if (existing != null && !existing.publicKey(i).equals(key.publicKey())) {
        throw new IllegalArgumentException(keyFile(i) + " is not the key of replica " + i + " in " + clusterFile
            + "; the directory was tampered with — restore the key, or start over in a new directory");
      }
      publicKeys.add(key.publicKey());
    }
    Cluster cluster = existing != null ? existing : new Cluster(publicKeys);
    if (existing == null) {
      cluster.save(clusterFile);
    }
    if (!Files.exists(electionsFile)) {
      (elections != null ? elections : Elections.demo()).save(electionsFile);
    }
    Elections.load(electionsFile); // fail now, with the file's name, if someone broke it
    return cluster;
  }

  /** Checked before any key is written, so a bad count leaves nothing behind. */
  private static void checkReplicaCount(int replicas) {
    if (replicas < 4 || (replicas - 1) % 3 != 0) {
      throw new IllegalArgumentException("--replicas must be 3f+1 with f >= 1 (4, 7, 10, ...), got " + replicas);
    }
  }

  /** The elections are part of the genesis block: changing them later would split the replicas. */
  private void checkElectionsUnchanged(Elections elections) {
    if (elections == null || !Files.exists(electionsFile)) {
      return;
    }
    Elections defined = Elections.load(electionsFile);
    if (!defined.hash().equals(elections.hash())) {
      throw new IllegalArgumentException(electionsFile + " already defines other elections (sha256 " + defined.hash()
          + "); elections are fixed at genesis — start over in a new directory to change them");
    }
  }
}
