package io.bftvote.cli.genesis;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "genesis", mixinStandardHelpOptions = true,
    description = {"Writes a cluster's genesis: replica keys, cluster.json and elections.json.",
        "%nFor clusters that run each component apart (docker compose, Kubernetes): every component",
        "loads OUT/cluster.json and OUT/elections.json; replica i loads only its own key. Running it",
        "again reuses what exists and refuses anything that would not belong together."})
public final class GenesisCommand implements Callable<Integer> {
  /** Replaced by the replica's id in --key-path. */
  static final String ID_PLACEHOLDER = "{id}";

  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:BFTVOTE_GENESIS_DIR:-genesis}",
      description = "Where cluster.json and elections.json go (env BFTVOTE_GENESIS_DIR; default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "${env:BFTVOTE_REPLICAS:-4}",
      description = "How many replicas, n = 3f+1 (env BFTVOTE_REPLICAS; default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--key-path", paramLabel = "PATTERN", defaultValue = "${env:BFTVOTE_GENESIS_KEY_PATH}",
      description = {"Where replica {id}'s private key goes, so each replica's volume can hold its own key only",
          "(env BFTVOTE_GENESIS_KEY_PATH; default: OUT/keys/replica-{id}.key)."})
  String keyPath;

  @Option(names = "--elections", paramLabel = "FILE", defaultValue = "${env:BFTVOTE_GENESIS_ELECTIONS}",
      description = "The elections to define (env BFTVOTE_GENESIS_ELECTIONS; default: demo with alice, bob, carol).")
  Path elections;

  @Override
  public Integer call() {
    Genesis genesis = genesis();
    Elections wanted = elections == null ? null : loadElections();
    Cluster cluster = genesis.prepare(replicas, wanted); // refusals are IllegalArgumentExceptions: one line, exit 1
    print(genesis, cluster, spec.commandLine().getOut());
    return Main.OK;
  }

  Genesis genesis() {
    String pattern = keyPath != null ? keyPath : out.resolve("keys").resolve("replica-" + ID_PLACEHOLDER + ".key").toString();
    if (!pattern.contains(ID_PLACEHOLDER)) {
      // Without the placeholder every replica would get the same file: one key for n replicas is no BFT.
      throw CliException.usage("--key-path must contain " + ID_PLACEHOLDER + " (one key file per replica), got '"
          + pattern + "'");
    }
    return new Genesis(out.resolve("cluster.json"), out.resolve("elections.json"),
        id -> Path.of(pattern.replace(ID_PLACEHOLDER, Integer.toString(id))));
  }

  private Elections loadElections() {
    try {
      return Elections.load(elections);
    } catch (RuntimeException e) {
      throw CliException.failure("cannot use the elections file " + elections + ": " + e.getMessage());
    }
  }

  private static void print(Genesis genesis, Cluster cluster, PrintWriter out) {
    out.printf("genesis of %d replicas (f = %d)%n", cluster.n(), cluster.f());
    out.printf("  %-16s %s (sha256 %s)%n", "cluster file", genesis.clusterFile(), cluster.hash());
    Elections elections = Elections.load(genesis.electionsFile());
    out.printf("  %-16s %s (sha256 %s)%n", "elections file", genesis.electionsFile(), elections.hash());
    for (Election e : elections.elections()) {
      out.printf("  %-16s %s: %s (%s)%n", "election", e.id(), String.join(", ", e.candidates()), e.eligibility());
    }
    for (int i = 0; i < cluster.n(); i++) {
      // Re-read from disk: what we print is what the replica will load.
      String publicKey = KeyFile.load(genesis.keyFile(i)).publicKey();
      out.printf("  %-16s %s (public key %s)%n", "replica " + i + " key", genesis.keyFile(i), publicKey);
    }
  }
}
