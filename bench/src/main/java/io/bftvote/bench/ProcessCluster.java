package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A fresh devnet for one benchmark with every component in a JVM of its own: the broker, each
 * replica, the tally app and the gateway, each started with the CLI's own command ({@code broker},
 * {@code replica --id i}, {@code tally}, {@code gateway}) after {@code genesis} wrote the keys. So
 * each one's CPU and resident memory can be measured apart (issue 7: "each replica's RSS flat"),
 * and a replica can be killed outright and restarted on its own data.
 *
 * <p>Every child is stopped on close, and by a shutdown hook if the benchmark is interrupted
 * (Ctrl-C) or fails: no JVM outlives the benchmark, short of the benchmark itself being killed.
 */
final class ProcessCluster implements AutoCloseable {
  static final String BROKER_READY = "Kafka broker ready at";
  private static final Duration GENESIS_LIMIT = Duration.ofMinutes(2);
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

  /** How the children's JVMs are sized; {@code extra} goes last, so it can override a heap. */
  record JvmOptions(String componentHeap, String brokerHeap, List<String> extra) {
    JvmOptions {
      extra = List.copyOf(extra);
    }

    List<String> component() {
      return with("-Xmx" + componentHeap);
    }

    List<String> broker() {
      return with("-Xmx" + brokerHeap);
    }

    private List<String> with(String heap) {
      List<String> options = new ArrayList<>(List.of(heap));
      options.addAll(extra);
      return options;
    }
  }

  private final Path dataDir;
  private final int portBase;
  private final int brokerPort;
  private final boolean keepData;
  private final ChildProcess genesis;
  private final ChildProcess broker;
  private final List<ChildProcess> replicas = new ArrayList<>();
  private final ChildProcess tally;
  private final ChildProcess gateway;
  private final StopOnExit stopOnExit;
  private boolean closed;

  private ProcessCluster(Path dataDir, int n, int portBase, JvmOptions jvm, boolean keepData) {
    this.dataDir = dataDir;
    this.portBase = portBase;
    this.brokerPort = portBase + 70;
    this.keepData = keepData;
    String bootstrap = bootstrapServers();
    List<String> shared = List.of("--bootstrap", bootstrap, "--cluster-file", dataDir.resolve("cluster.json")
        .toString(), "--elections-file", dataDir.resolve("elections.json").toString());
    this.genesis = child("genesis", jvm.component(), List.of("genesis", "--out", dataDir.toString(), "--replicas",
        String.valueOf(n)));
    this.broker = child("broker", jvm.broker(), List.of("broker", "--data", dataDir.resolve("broker").toString(),
        "--port", String.valueOf(brokerPort)));
    for (int i = 0; i < n; i++) {
      replicas.add(child("replica-" + i, jvm.component(), concat(List.of("replica", "--id", String.valueOf(i),
          "--data", dataDir.resolve("replica-" + i).toString(), "--key-file",
          dataDir.resolve("keys").resolve("replica-" + i + ".key").toString(), "--admin-port",
          String.valueOf(adminPort(i))), shared)));
    }
    this.tally = child("tally", jvm.component(), concat(List.of("tally", "--port", String.valueOf(portBase + 90),
        "--state-dir", dataDir.resolve("tally").toString(), "--replication-factor", "1"), shared));
    this.gateway = child("gateway", jvm.component(), concat(List.of("gateway", "--port", String.valueOf(portBase + 80),
        "--tally-url", tallyUrl(), "--replica-admin-urls", String.join(",", adminUrls())), shared));
    this.stopOnExit = StopOnExit.register("bench-stop-children", this::close);
  }

  /** Writes a genesis in a temporary directory, starts every component, and waits until each is up. */
  static ProcessCluster start(int replicas, JvmOptions jvm, boolean keepData, PrintWriter progress)
      throws IOException, InterruptedException {
    ChildProcess.requireCli();
    Path dataDir = Files.createTempDirectory("bftvote-bench-processes-");
    Files.createDirectories(dataDir.resolve("logs"));
    ProcessCluster cluster = new ProcessCluster(dataDir, replicas, DevnetProcess.freePortBase(replicas), jvm,
        keepData);
    progress.printf("starting a devnet of %d replicas as separate processes in %s (logs in %s)…%n", replicas, dataDir,
        dataDir.resolve("logs"));
    progress.flush();
    try {
      cluster.startAll(progress);
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void startAll(PrintWriter progress) throws IOException, InterruptedException {
    genesis.start();
    genesis.awaitSuccess(GENESIS_LIMIT);
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    broker.start();
    broker.awaitUp(deadline, START_LIMIT, () -> broker.logText().contains(BROKER_READY));
    replicas.forEach(ChildProcess::start);
    tally.start();
    gateway.start();
    HttpProbe http = new HttpProbe();
    for (int i = 0; i < replicas.size(); i++) {
      String status = adminUrls().get(i) + "/status";
      replicas.get(i).awaitUp(deadline, START_LIMIT, () -> http.ok(status));
    }
    tally.awaitUp(deadline, START_LIMIT, () -> http.ok(tallyUrl() + "/health"));
    gateway.awaitUp(deadline, START_LIMIT, () -> http.ok(gatewayUrl() + "/health"));
    progress.printf("devnet up: %s%n", pids());
    progress.flush();
  }

  Target target() {
    List<ResourceWatch.Watched> watched = new ArrayList<>();
    watched.add(new ResourceWatch.Watched("broker", broker.pid()));
    replicas.forEach(r -> watched.add(new ResourceWatch.Watched(r.name(), r.pid())));
    watched.add(new ResourceWatch.Watched("tally", tally.pid()));
    watched.add(new ResourceWatch.Watched("gateway", gateway.pid()));
    String what = String.format("devnet as %d processes (%s)", watched.size(), pids());
    return new Target(what, gatewayUrl(), bootstrapServers(), Topics.unprefixed(),
        Cluster.load(dataDir.resolve("cluster.json")), watched);
  }

  ReplicaStatuses statuses(HttpProbe http) {
    return new ReplicaStatuses(adminUrls(), http);
  }

  /** SIGKILL to replica {@code id}: a crash, nothing closed, its ledger left as it was on disk. */
  void kill(int id) {
    replicas.get(id).kill();
  }

  /** Starts replica {@code id} again, on the same data directory, key and ports. */
  long restart(int id) {
    ChildProcess replica = replicas.get(id);
    replica.start();
    return replica.pid();
  }

  Path dataDir() {
    return dataDir;
  }

  private String bootstrapServers() {
    return "localhost:" + brokerPort;
  }

  private int adminPort(int id) {
    return portBase + 100 + id;
  }

  private List<String> adminUrls() {
    return IntStream.range(0, replicas.size()).mapToObj(i -> "http://localhost:" + adminPort(i)).toList();
  }

  private String tallyUrl() {
    return "http://localhost:" + (portBase + 90);
  }

  private String gatewayUrl() {
    return "http://localhost:" + (portBase + 80);
  }

  private String pids() {
    List<String> pids = new ArrayList<>();
    for (ChildProcess c : all()) {
      pids.add(c.name() + " " + c.pid());
    }
    return String.join(", ", pids);
  }

  private List<ChildProcess> all() {
    List<ChildProcess> all = new ArrayList<>(List.of(broker));
    all.addAll(replicas);
    all.add(tally);
    all.add(gateway);
    return all;
  }

  private ChildProcess child(String name, List<String> jvmOptions, List<String> cliArgs) {
    return ChildProcess.cli(name, jvmOptions, cliArgs, dataDir.resolve("logs").resolve(name + ".log"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Stops the gateway, the tally and the replicas together (each closes the way Ctrl-C closes it,
   * or is killed after 30 s), then the broker they all talk to; removes the data unless it is to
   * be kept. Idempotent; also the shutdown hook.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopOnExit.remove();
    if (genesis.isAlive()) {
      genesis.kill(); // interrupted while writing keys: what it wrote is thrown away with the data
    }
    List<ChildProcess> clients = new ArrayList<>(replicas);
    clients.add(tally);
    clients.add(gateway);
    clients.stream().filter(ChildProcess::isAlive).forEach(ChildProcess::beginStop);
    clients.stream().filter(ChildProcess::isAlive).forEach(c -> c.awaitStopped(STOP_LIMIT));
    if (broker.isAlive()) {
      broker.stop(STOP_LIMIT);
    }
    if (!keepData) {
      DevnetProcess.deleteRecursively(dataDir);
    }
  }
}
