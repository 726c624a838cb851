package io.bftvote.cli.component;

import io.bftvote.cli.Main;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a started component running until Ctrl-C (or SIGTERM), then closes it cleanly. */
public final class Foreground {
  private static final Logger log = LoggerFactory.getLogger(Foreground.class);

  private Foreground() {
  }

  /** Blocks the calling thread for good; the JVM exits once the shutdown hook has closed the component. */
  public static int runUntilStopped(String name, AutoCloseable component) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping {}", name);
      try {
        component.close();
      } catch (Exception e) {
        log.warn("{} did not stop cleanly: {}", name, e.toString());
      } finally {
        stopped.countDown();
      }
    }, name + "-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }
}
