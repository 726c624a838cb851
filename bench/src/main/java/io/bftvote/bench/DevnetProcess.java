package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A fresh devnet for one benchmark, in a temporary directory, run as a child JVM by the bftvote
 * CLI itself ({@code bftvote devnet}). A process of its own rather than threads of the load
 * generator's JVM: the system's CPU and memory are then measured apart from the load's, and the
 * bench module needs no dependency on the CLI that launches it.
 */
final class DevnetProcess implements AutoCloseable {
  static final String READY_LINE = "bftvote devnet is up";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final Path dataDir;
  private final int replicas;
  private final int portBase;
  private final int brokerPort;
  private final boolean keepData;
  private final StopOnExit stopOnExit;
  private boolean closed;

  private DevnetProcess(ChildProcess process, Path dataDir, int replicas, int portBase, int brokerPort,
                        boolean keepData) {
    this.process = process;
    this.dataDir = dataDir;
    this.replicas = replicas;
    this.portBase = portBase;
    this.brokerPort = brokerPort;
    this.keepData = keepData;
    this.stopOnExit = StopOnExit.register("bench-stop-devnet", this::close);
  }

  /**
   * Starts {@code bftvote devnet} on free ports and waits until its gateway answers.
   *
   * @param javaOptions extra options for the devnet's JVM, e.g. {@code -XX:StartFlightRecording=...}
   */
  static DevnetProcess start(int replicas, List<String> javaOptions, boolean keepData, PrintWriter progress)
      throws IOException, InterruptedException {
    ChildProcess.requireCli();
    Path dataDir = Files.createTempDirectory("bftvote-bench-devnet-");
    int portBase = freePortBase(replicas);
    int brokerPort = portBase + 70;
    Path log = dataDir.resolve("devnet.log");
    List<String> priority = CompilerPriority.options();
    List<String> jvmOptions = new ArrayList<>(priority);
    jvmOptions.addAll(javaOptions); // the caller's last: a later option wins
    boolean compilerAhead = !priority.isEmpty() && javaOptions.stream()
        .noneMatch(option -> option.contains("ThreadPriority"));
    ChildProcess process = ChildProcess.cli("the devnet", jvmOptions, List.of("devnet", "--data",
        dataDir.toString(), "--replicas", String.valueOf(replicas), "--port-base", String.valueOf(portBase),
        "--broker-port", String.valueOf(brokerPort)), log);
    process.start();
    DevnetProcess devnet = new DevnetProcess(process, dataDir, replicas, portBase, brokerPort, keepData);
    progress.printf("starting a devnet of %d replicas in %s (pid %d, log %s%s)…%n", replicas, dataDir, process.pid(),
        log, compilerAhead ? "; its JIT compiler at nice -10" : "");
    progress.flush();
    try {
      HttpProbe http = new HttpProbe();
      process.awaitUp(System.nanoTime() + START_LIMIT.toNanos(), START_LIMIT,
          () -> process.logText().contains(READY_LINE) && http.ok(devnet.gatewayUrl() + "/health"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      devnet.close();
      throw e;
    }
    return devnet;
  }

  Target target() {
    String what = String.format("devnet in one JVM (pid %d): broker, %d replicas, tally, gateway", process.pid(),
        replicas);
    return new Target(what, gatewayUrl(), "localhost:" + brokerPort, Topics.unprefixed(),
        Cluster.load(dataDir.resolve("cluster.json")),
        List.of(new ResourceWatch.Watched("devnet JVM (broker, " + replicas + " replicas, tally, gateway)",
            process.pid())));
  }

  long pid() {
    return process.pid();
  }

  String gatewayUrl() {
    return "http://localhost:" + (portBase + 80);
  }

  /**
   * A port base whose broker (base+70), gateway (+80), tally (+90) and replica (+100+i) ports are
   * all free now. Another process may still take one before the devnet binds it; then the devnet
   * fails to start and says which port.
   */
  static int freePortBase(int replicas) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + 200 * ThreadLocalRandom.current().nextInt(200);
      List<Integer> ports = new ArrayList<>(List.of(base + 70, base + 80, base + 90));
      for (int i = 0; i < replicas; i++) {
        ports.add(base + 100 + i);
      }
      if (ports.stream().allMatch(DevnetProcess::isFree)) {
        return base;
      }
    }
    throw new IllegalStateException("found no free range of ports for a devnet between 20000 and 60000");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  /** Stops the devnet the way Ctrl-C does (it closes cleanly), forcibly if it hangs; removes its data. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopOnExit.remove();
    if (process.isAlive()) {
      process.stop(STOP_LIMIT);
    }
    if (!keepData) {
      deleteRecursively(dataDir);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the devnet's data in " + dir, e);
    }
  }
}
