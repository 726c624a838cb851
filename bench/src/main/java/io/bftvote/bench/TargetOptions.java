package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the load goes: a devnet started for the run, or a running cluster; over HTTP or straight to Kafka. */
final class TargetOptions {
  @Option(names = "--devnet", description = "Start a fresh devnet (child JVM, temporary directory) for the benchmark.")
  boolean devnet;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "4",
      description = "With --devnet: how many replicas, n = 3f+1 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--devnet-java-opts", paramLabel = "OPTS", defaultValue = "",
      description = "With --devnet: options for its JVM (with --processes: for each one), space-separated,"
          + " e.g. -XX:StartFlightRecording=...")
  String devnetJavaOptions;

  @Option(names = "--processes", description = "With --devnet: run the broker, each replica, the tally and the"
      + " gateway as processes of their own, so each one's CPU and memory is measured apart (and --crash-primary-at"
      + " can kill one).")
  boolean processes;

  @Option(names = "--process-heap", paramLabel = "SIZE", defaultValue = "512m",
      description = "With --processes: the most heap of each replica, the tally and the gateway (default: "
          + "${DEFAULT-VALUE}).")
  String processHeap;

  @Option(names = "--broker-heap", paramLabel = "SIZE", defaultValue = "1g",
      description = "With --processes: the broker's most heap, Kafka's own default (default: ${DEFAULT-VALUE}).")
  String brokerHeap;

  @Option(names = "--keep-devnet-data", description = "With --devnet: keep its data directory (ledgers, logs).")
  boolean keepDevnetData;

  @Option(names = "--gateway", paramLabel = "URL", description = "The gateway of a running cluster.")
  String gateway;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "The Kafka broker of a running cluster: replies are read there (and --direct writes there).")
  String bootstrap;

  @Option(names = "--cluster", paramLabel = "FILE", description = "The cluster file of a running cluster: the replica"
      + " keys replies are verified with.")
  Path clusterFile;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Topic name prefix.")
  String topicPrefix;

  @Option(names = "--watch", paramLabel = "NAME=PID",
      description = "Also report CPU and memory of this process of a running cluster (repeatable).")
  List<String> watch = List.of();

  @Option(names = "--direct", description = "Produce ballots straight to bft.requests: consensus alone, no gateway.")
  boolean direct;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "64",
      description = "Distinct client addresses for HTTP load on a loopback gateway (127.0.0.2 ...), "
          + "like many polling stations: the gateway rate-limits per address (default: "
          + "${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "128",
      description = "Keep-alive HTTP connections in all (default: ${DEFAULT-VALUE}).")
  int connections;

  /** Refuses options that do not go together, saying which and why; before anything starts. */
  void check() {
    if (devnet && (gateway != null || bootstrap != null || clusterFile != null)) {
      throw new IllegalArgumentException("--devnet starts its own cluster: drop --gateway, --bootstrap and --cluster");
    }
    if (devnet && (replicas < 4 || (replicas - 1) % 3 != 0)) {
      throw new IllegalArgumentException("--replicas must be 3f+1 with f >= 1 (4, 7, 10, ...), got " + replicas);
    }
    if (processes && !devnet) {
      throw new IllegalArgumentException("--processes is a way to run --devnet: add --devnet");
    }
    checkHeap("--process-heap", processHeap);
    checkHeap("--broker-heap", brokerHeap);
  }

  /** Starts the devnet in one JVM; the caller closes it. */
  DevnetProcess startDevnet(PrintWriter progress) throws IOException, InterruptedException {
    return DevnetProcess.start(replicas, javaOptions(), keepDevnetData, progress);
  }

  /** Starts the devnet with each component in its own JVM; the caller closes it. */
  ProcessCluster startProcesses(PrintWriter progress) throws IOException, InterruptedException {
    return ProcessCluster.start(replicas, new ProcessCluster.JvmOptions(processHeap, brokerHeap, javaOptions()),
        keepDevnetData, progress);
  }

  private List<String> javaOptions() {
    return devnetJavaOptions.isBlank() ? List.of() : List.of(devnetJavaOptions.trim().split("\\s+"));
  }

  /** A heap size as -Xmx takes it: a whole number with an optional k, m or g. */
  static void checkHeap(String option, String size) {
    if (!size.matches("[1-9]\\d*[kKmMgG]?")) {
      throw new IllegalArgumentException(option + " is a heap size like 512m or 2g (as -Xmx takes it); got '" + size
          + "'");
    }
  }

  /** The running cluster named by --gateway, --bootstrap and --cluster. */
  Target external() {
    if (bootstrap == null || clusterFile == null) {
      throw new IllegalArgumentException("without --devnet, give --bootstrap and --cluster (replies are read from"
          + " Kafka and verified with the replica keys)");
    }
    if (!direct && gateway == null) {
      throw new IllegalArgumentException("give --gateway URL, or --direct to produce straight to bft.requests");
    }
    List<ResourceWatch.Watched> processes = new ArrayList<>();
    for (String spec : watch) {
      processes.add(parseWatch(spec));
    }
    String what = direct ? "cluster at " + bootstrap : "cluster behind " + gateway;
    return new Target(what, gateway, bootstrap, new Topics(topicPrefix), Cluster.load(clusterFile), processes);
  }

  VoteSender sender(Target target) {
    return direct ? new DirectVoteSender(target.bootstrapServers(), target.topics().requests())
        : new HttpVoteSender(target.gatewayUrl(), clients, connections);
  }

  static ResourceWatch.Watched parseWatch(String spec) {
    int eq = spec.lastIndexOf('=');
    try {
      return new ResourceWatch.Watched(spec.substring(0, eq), Long.parseLong(spec.substring(eq + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--watch wants NAME=PID, like replica-0=12345; got '" + spec + "'");
    }
  }
}
