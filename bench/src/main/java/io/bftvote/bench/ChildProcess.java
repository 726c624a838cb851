package io.bftvote.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bftvote component run as a JVM of its own ({@code java ... io.bftvote.cli.Main COMMAND ...}),
 * its output appended to a log file. It can be started again with the same command (a restarted
 * replica keeps its data directory), stopped the way Ctrl-C stops it, or killed outright.
 * Stopping and killing reach the whole process tree, so nothing it started outlives it. This is
 * the one way the benchmark starts and stops a child process.
 */
final class ChildProcess {
  /** The CLI's entry point; on the class path whenever bench runs as {@code ./bftvote bench}. */
  static final String CLI_MAIN = "io.bftvote.cli.Main";
  private static final int LOG_TAIL_LINES = 30;
  /** Inherited BFTVOTE_* settings would override what this benchmark chose for the child; they are dropped. */
  private static final String OWN_ENV_PREFIX = "BFTVOTE_";
  private static final Duration UP_POLL = Duration.ofMillis(500);

  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  /** @param command the whole command line; {@link #cli} builds one that runs the bftvote CLI */
  ChildProcess(String name, List<String> command, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /**
   * A bftvote CLI command in a JVM of its own, with this JVM's class path.
   *
   * @param jvmOptions options for the child's JVM (heap, JFR...)
   * @param cliArgs the bftvote command and its options, e.g. {@code replica --id 0 ...}
   */
  static ChildProcess cli(String name, List<String> jvmOptions, List<String> cliArgs, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CLI_MAIN));
    command.addAll(cliArgs);
    return new ChildProcess(name, command, log);
  }

  /** Fails before anything starts if the CLI that children run is not on the class path. */
  static void requireCli() {
    try {
      Class.forName(CLI_MAIN, false, ChildProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("--devnet starts the bftvote CLI's components, which are not on the class"
          + " path; run it as ./bftvote bench --devnet");
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith(OWN_ENV_PREFIX));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Waits for a one-shot command (like genesis) to finish; fails with its log if it did not succeed. */
  void awaitSuccess(Duration limit) throws InterruptedException {
    Process p = current();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException(name + " did not finish within " + limit.toSeconds() + " s:\n" + logTail());
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(name + " failed with status " + p.exitValue() + ":\n" + logTail());
    }
  }

  /** A readiness test that may need I/O. */
  interface Check {
    boolean holds() throws IOException, InterruptedException;
  }

  /**
   * Polls {@code up} until it holds; fails with the end of the log if the process exits first or
   * {@code deadline} (a {@link System#nanoTime()}, {@code limit} after the start) passes.
   */
  void awaitUp(long deadline, Duration limit, Check up) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      requireAlive();
      if (up.holds()) {
        return;
      }
      current().waitFor(UP_POLL.toMillis(), TimeUnit.MILLISECONDS); // returns at once if it died
    }
    throw new IllegalStateException(name + " was not up within " + limit.toSeconds() + " s:\n" + logTail());
  }

  /** Fails, with the end of its log, if the process has exited: called while waiting for it to come up. */
  private void requireAlive() {
    Process p = current();
    if (!p.isAlive()) {
      throw new IllegalStateException(name + " exited with status " + p.exitValue() + " before it was up:\n"
          + logTail());
    }
  }

  /** SIGKILL, to the process and everything it started: a crash, no chance to close anything. */
  void kill() {
    Process p = current();
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, the way Ctrl-C stops a component (it closes cleanly); returns without waiting. */
  void beginStop() {
    Process p = current();
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
  }

  /** Stops it the way Ctrl-C does and waits; kills it if that takes longer than {@code limit}. */
  void stop(Duration limit) {
    beginStop();
    awaitStopped(limit);
  }

  /** Waits for a stop begun earlier, and kills the process if it takes longer than {@code limit}. */
  void awaitStopped(Duration limit) {
    Process p = current();
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private synchronized Process current() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }
}
