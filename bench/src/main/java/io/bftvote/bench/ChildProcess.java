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
 * Stopping and killing reach the whole process tree, so nothing it started outlives it.
 */
final class ChildProcess {
  private static final int LOG_TAIL_LINES = 30;
  /** Inherited BFTVOTE_* settings would override what this benchmark chose for the child; they are dropped. */
  private static final String OWN_ENV_PREFIX = "BFTVOTE_";

  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  /**
   * @param jvmOptions options for the child's JVM (heap, JFR...)
   * @param cliArgs the bftvote command and its options, e.g. {@code replica --id 0 ...}
   */
  ChildProcess(String name, List<String> jvmOptions, List<String> cliArgs, Path log) {
    this.name = name;
    this.command = cliCommand(jvmOptions, cliArgs);
    this.log = log;
  }

  /** The java command line that runs the bftvote CLI with this JVM's class path. */
  static List<String> cliCommand(List<String> jvmOptions, List<String> cliArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DevnetProcess.CLI_MAIN));
    command.addAll(cliArgs);
    return List.copyOf(command);
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

  /** Waits up to {@code limit} for the process to exit: a pause while polling it that ends early if it dies. */
  void awaitExit(Duration limit) throws InterruptedException {
    current().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Fails, with the end of its log, if the process has exited: called while waiting for it to come up. */
  void requireAlive() {
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
