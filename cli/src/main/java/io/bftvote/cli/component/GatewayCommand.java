package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import io.bftvote.gateway.AdmissionLimit;
import io.bftvote.gateway.GatewayApp;
import io.bftvote.gateway.GatewayConfig;
import io.bftvote.gateway.VerifyPool;
import io.bftvote.topics.Cluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {"Runs the HTTP gateway against a running broker.",
        "%nVotes in, outcomes, tallies and cluster status out. Ctrl-C stops it."})
public final class GatewayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_GATEWAY_PORT:-8080}",
      description = "HTTP port, 0 for any free port (env BFTVOTE_GATEWAY_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--tally-url", paramLabel = "URL", defaultValue = "${env:BFTVOTE_TALLY_URL:-http://localhost:8090}",
      description = "The tally app, for /api/tallies (env BFTVOTE_TALLY_URL; default: ${DEFAULT-VALUE}).")
  String tallyUrl;

  @Option(names = "--replica-admin-urls", paramLabel = "URL", split = ",",
      defaultValue = "${env:BFTVOTE_REPLICA_ADMIN_URLS}",
      description = {"The replicas' admin URLs in id order, comma-separated, for /api/cluster",
          "(env BFTVOTE_REPLICA_ADMIN_URLS; default: http://localhost:8100+i for each replica of the cluster file)."})
  List<String> replicaAdminUrls;

  @Option(names = "--verify-threads", paramLabel = "N", defaultValue = "${env:BFTVOTE_VERIFY_THREADS}",
      description = {"Threads that check ballot signatures off the HTTP event loop",
          "(env BFTVOTE_VERIFY_THREADS; default: one per core)."})
  int verifyThreads;

  @Option(names = "--verify-queue", paramLabel = "N", defaultValue = "${env:BFTVOTE_VERIFY_QUEUE:-2048}",
      description = {"Ballots that may wait for a signature check; past it a vote gets 503 with Retry-After",
          "(env BFTVOTE_VERIFY_QUEUE; default: ${DEFAULT-VALUE})."})
  int verifyQueue;

  @Option(names = "--admit-seconds", paramLabel = "SECONDS", defaultValue = "${env:BFTVOTE_ADMIT_SECONDS:-5}",
      description = {"Votes posted here may wait for their outcome up to this many seconds of the rate outcomes",
          "recently came at (at least --admit-floor); past it a vote gets 503 with Retry-After; 0 for no limit",
          "(env BFTVOTE_ADMIT_SECONDS; default: ${DEFAULT-VALUE})."})
  int admitSeconds;

  @Option(names = "--admit-floor", paramLabel = "N", defaultValue = "${env:BFTVOTE_ADMIT_FLOOR:-10000}",
      description = {"Votes posted here that may always wait for their outcome, however slow the cluster has been",
          "(a start, a view change) (env BFTVOTE_ADMIT_FLOOR; default: ${DEFAULT-VALUE})."})
  int admitFloor;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  GenesisOptions genesis;

  @Mixin
  GatewayLimitOptions limits;

  @Override
  public Integer call() throws Exception {
    GatewayApp gateway = new GatewayApp(config());
    gateway.start();
    spec.commandLine().getOut().println("gateway listening on http://localhost:" + gateway.port() + "; Ctrl-C stops it");
    return Foreground.runUntilStopped("gateway", gateway);
  }

  GatewayConfig config() {
    List<String> admins = replicaAdminUrls != null ? replicaAdminUrls
        : IntStream.range(0, Cluster.load(genesis.clusterFile()).n())
            .mapToObj(i -> "http://localhost:" + (ReplicaCommand.ADMIN_PORT_BASE + i)).toList();
    return new GatewayConfig(port, kafka.bootstrapServers(), kafka.topicPrefix(), genesis.clusterFile(),
        genesis.electionsFile(), tallyUrl, admins, kafka.overrides(), limits.limits(), verifyPool(),
        admission());
  }

  private AdmissionLimit admission() {
    try {
      return new AdmissionLimit(admitSeconds, admitFloor);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e, Map.of("targetSeconds", "--admit-seconds", "floor", "--admit-floor"));
    }
  }

  private VerifyPool verifyPool() {
    try {
      return new VerifyPool(verifyThreads == 0 ? VerifyPool.DEFAULT.threads() : verifyThreads, verifyQueue);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e, Map.of("threads", "--verify-threads", "queueLimit", "--verify-queue"));
    }
  }
}
