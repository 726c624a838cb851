package io.bftvote.cli.component;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The two files every component must share exactly: who the replicas are and what the elections are. */
public final class GenesisOptions {
  @Option(names = "--cluster-file", paramLabel = "FILE",
      defaultValue = "${env:BFTVOTE_CLUSTER_FILE:-devnet-data/cluster.json}",
      description = "The replicas' public keys (env BFTVOTE_CLUSTER_FILE; default: ${DEFAULT-VALUE}).")
  Path clusterFile;

  @Option(names = "--elections-file", paramLabel = "FILE",
      defaultValue = "${env:BFTVOTE_ELECTIONS_FILE:-devnet-data/elections.json}",
      description = "The election definitions (env BFTVOTE_ELECTIONS_FILE; default: ${DEFAULT-VALUE}).")
  Path electionsFile;

  public Path clusterFile() {
    return RequiredFile.check(clusterFile, "cluster file");
  }

  public Path electionsFile() {
    return RequiredFile.check(electionsFile, "elections file");
  }
}
