package io.bftvote.cli.operator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, Ctrl-C (or SIGTERM) asks a blocking loop to stop and lets it finish closing its
 * resources before the JVM exits: the JVM would otherwise end mid-poll. Closing removes the hook,
 * so a command run in-process (tests) leaves nothing behind.
 */
final class StopOnCtrlC implements AutoCloseable {
  private static final long GRACE_SECONDS = 5;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopOnCtrlC(Runnable stop, String name) {
    this.hook = new Thread(() -> {
      stop.run();
      try {
        finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name + "-ctrl-c");
  }

  static StopOnCtrlC install(Runnable stop, String name) {
    StopOnCtrlC handler = new StopOnCtrlC(stop, name);
    Runtime.getRuntime().addShutdownHook(handler.hook);
    return handler;
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running (Ctrl-C): it is what brought us here, and it may not be removed now.
    }
  }
}
