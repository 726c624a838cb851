package io.bftvote.cli.operator;

import io.bftvote.cli.CliException;
import io.bftvote.topics.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --cluster FILE}: the replicas' public keys, which a detection's evidence is checked
 * against. A file the user names must be readable; without one, a devnet's
 * {@code devnet-data/cluster.json} in the working directory is used when it exists.
 */
public final class ClusterFileOption {
  static final Path DEVNET_CLUSTER = Path.of("devnet-data", "cluster.json");

  @Option(names = {"--cluster", "--cluster-file"}, paramLabel = "FILE", defaultValue = "${env:BFTVOTE_CLUSTER_FILE}",
      description = "The replicas' public keys (env BFTVOTE_CLUSTER_FILE; default: devnet-data/cluster.json if present).")
  Path file;

  /** The cluster named, or the devnet's when none is named and it exists, or empty. */
  public Optional<Cluster> find() {
    if (file != null) {
      return Optional.of(load(file));
    }
    return Files.isRegularFile(DEVNET_CLUSTER) ? Optional.of(load(DEVNET_CLUSTER)) : Optional.empty();
  }

  /** Like {@link #find}, but a cluster is needed: without one, say how to give it (exit 2). */
  public Cluster require() {
    return find().orElseThrow(() -> CliException.usage("no cluster file: the replicas' keys are needed to check"
        + " signatures — pass --cluster FILE (a devnet's is devnet-data/cluster.json)"));
  }

  /** A named file that cannot be used is a usage error: nothing can be checked against it. */
  private static Cluster load(Path path) {
    if (!Files.isRegularFile(path)) {
      throw CliException.usage("no cluster file at " + path + " — pass --cluster FILE (a devnet's is "
          + DEVNET_CLUSTER + ")");
    }
    try {
      return Cluster.load(path);
    } catch (RuntimeException e) {
      throw CliException.usage("cannot use the cluster file " + path + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
