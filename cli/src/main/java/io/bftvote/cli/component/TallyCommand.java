package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.cli.client.GatewayOption;
import io.bftvote.cli.client.TallyQuery;
import io.bftvote.tally.TallyApp;
import io.bftvote.tally.TallyConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/**
 * DESIGN.md gives one name to two things: {@code tally} runs the tally app, {@code tally ELECTION}
 * asks the gateway for an election's counts. The election argument decides which.
 */
@Command(name = "tally", mixinStandardHelpOptions = true,
    description = {"Shows an election's counts, or runs the tally app.",
        "%nWith ELECTION, prints its counts as the gateway reports them (--gateway, --json).",
        "Without, runs the tally app (Kafka Streams) against a running broker; Ctrl-C stops it."})
public final class TallyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "ELECTION", description = "The election to show, e.g. demo.")
  String election;

  @Option(names = "--json", description = "With ELECTION: print the gateway's JSON instead of a table.")
  boolean json;

  @Mixin
  GatewayOption gateway;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_TALLY_PORT:-8090}",
      description = "App: HTTP port, 0 for any free port (env BFTVOTE_TALLY_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:BFTVOTE_TALLY_STATE:-devnet-data/tally}",
      description = "App: Kafka Streams state directory (env BFTVOTE_TALLY_STATE; default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--application-id", paramLabel = "ID",
      defaultValue = "${env:BFTVOTE_TALLY_APPLICATION_ID:-" + TallyConfig.DEFAULT_APPLICATION_ID + "}",
      description = "App: Kafka Streams application id (env BFTVOTE_TALLY_APPLICATION_ID; default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:BFTVOTE_TALLY_REPLICATION_FACTOR}",
      description = "App: replication of Kafka Streams' internal topics (env BFTVOTE_TALLY_REPLICATION_FACTOR;"
          + " default: the broker's default). Use 1 against a one-node broker.")
  Integer replicationFactor;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  GenesisOptions genesis;

  @Override
  public Integer call() throws Exception {
    if (election != null) {
      TallyQuery.print(gateway.client(), election, json, spec.commandLine().getOut());
      return Main.OK;
    }
    if (json) {
      throw CliException.usage("tally: --json needs an ELECTION (it formats the counts, not the app)");
    }
    TallyApp tally = new TallyApp(config());
    tally.start();
    spec.commandLine().getOut().println("tally app listening on http://localhost:" + tally.port() + "; Ctrl-C stops it");
    return Foreground.runUntilStopped("tally", tally);
  }

  TallyConfig config() {
    Map<String, String> overrides = new HashMap<>();
    if (replicationFactor != null) {
      overrides.put("replication.factor", String.valueOf(replicationFactor));
    }
    overrides.putAll(kafka.overrides()); // the operator's file has the last word
    return new TallyConfig(port, kafka.bootstrapServers(), kafka.topicPrefix(), stateDir, genesis.clusterFile(),
        genesis.electionsFile(), applicationId, overrides);
  }
}
