package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh devnet for one benchmark, in a temporary directory, run as a child JVM by the bftvote
 * CLI itself ({@code bftvote devnet}). A process of its own rather than threads of the load
 * generator's JVM: the system's CPU and memory are then measured apart from the load's, and the
 * bench module needs no dependency on the CLI that launches it.
 */
final class DevnetProcess implements AutoCloseable {
  /** The CLI's entry point; on the class path whenever bench runs as {@code ./bftvote bench}. */
  static final String CLI_MAIN = "io.bftvote.cli.Main";
  static final String READY_LINE = "bftvote devnet is up";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
  private static final int LOG_TAIL_LINES = 30;

  private final Process process;
  private final Path dataDir;
  private final int replicas;
  private final int portBase;
  private final int brokerPort;
  private final boolean keepData;
  /** Stops the devnet if the benchmark is stopped (Ctrl-C, SIGTERM) or fails: it must not outlive it. */
  private final Thread shutdownHook = new Thread(this::close, "bench-stop-devnet");
  private boolean closed;

  private DevnetProcess(Process process, Path dataDir, int replicas, int portBase, int brokerPort, boolean keepData) {
    this.process = process;
    this.dataDir = dataDir;
    this.replicas = replicas;
    this.portBase = portBase;
    this.brokerPort = brokerPort;
    this.keepData = keepData;
  }

  /**
   * Starts {@code bftvote devnet} on free ports and waits until its gateway answers.
   *
   * @param javaOptions extra options for the devnet's JVM, e.g. {@code -XX:StartFlightRecording=...}
   */
  static DevnetProcess start(int replicas, List<String> javaOptions, boolean keepData, PrintWriter progress)
      throws IOException, InterruptedException {
    requireCli();
    Path dataDir = Files.createTempDirectory("bftvote-bench-devnet-");
    int portBase = freePortBase(replicas);
    int brokerPort = portBase + 70;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CLI_MAIN, "devnet", "--data",
        dataDir.toString(), "--replicas", String.valueOf(replicas), "--port-base", String.valueOf(portBase),
        "--broker-port", String.valueOf(brokerPort)));
    Path log = dataDir.resolve("devnet.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DevnetProcess devnet = new DevnetProcess(process, dataDir, replicas, portBase, brokerPort, keepData);
    Runtime.getRuntime().addShutdownHook(devnet.shutdownHook);
    progress.printf("starting a devnet of %d replicas in %s (pid %d, log %s)…%n", replicas, dataDir, process.pid(),
        log);
    progress.flush();
    try {
      devnet.awaitReady(log);
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

  static void requireCli() {
    try {
      Class.forName(CLI_MAIN, false, DevnetProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("--devnet starts the bftvote CLI's devnet, which is not on the class path; "
          + "run it as ./bftvote bench --devnet");
    }
  }

  /** Polls until the devnet printed its summary and the gateway answers /health; fails if it died. */
  private void awaitReady(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/health")).timeout(Duration.ofSeconds(5))
        .build();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the devnet exited with status " + process.exitValue() + " before it was up:\n"
            + tail(log));
      }
      if (Files.readString(log).contains(READY_LINE) && healthy(http, health)) {
        return;
      }
      process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("the devnet was not up within " + START_LIMIT.toSeconds() + " s:\n" + tail(log));
  }

  private static boolean healthy(HttpClient http, HttpRequest health) throws InterruptedException {
    try {
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
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
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // this is the hook running: nothing to remove
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
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
