package io.bftvote.bench;

/**
 * A shutdown hook that stops the processes a benchmark started if the benchmark itself is stopped
 * (Ctrl-C, SIGTERM) or fails on its way out: no child JVM may outlive it. The close that stops
 * them on the ordinary path removes the hook first, and is also what the hook runs.
 */
final class StopOnExit {
  private final Thread hook;

  private StopOnExit(Thread hook) {
    this.hook = hook;
  }

  /** Runs {@code stop} when this JVM shuts down, unless {@link #remove} is called first. */
  static StopOnExit register(String threadName, Runnable stop) {
    Thread hook = new Thread(stop, threadName);
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnExit(hook);
  }

  /** Called at the start of the close the hook guards; when it is the hook running, there is nothing to remove. */
  void remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is shutting down: this is the hook running
    }
  }
}
