package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, watching and stopping a child process, with a shell standing in for a component's JVM. */
class ChildProcessTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @Test
  void stoppingReachesWhatTheChildStartedToo() throws Exception {
    ChildProcess child = new ChildProcess("shell", List.of("sh", "-c", "sleep 600 & wait"), dir.resolve("shell.log"));
    child.start();
    ProcessHandle shell = ProcessHandle.of(child.pid()).orElseThrow();
    child.awaitUp(System.nanoTime() + LIMIT.toNanos(), LIMIT, () -> shell.descendants().findAny().isPresent());
    List<ProcessHandle> grandchildren = shell.descendants().toList();

    child.stop(LIMIT);

    assertFalse(child.isAlive());
    for (ProcessHandle sleeper : grandchildren) {
      sleeper.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS); // fails the test by timing out if it lives on
      assertFalse(sleeper.isAlive(), "the shell's sleep outlived it");
    }
  }

  @Test
  void aChildThatDiesBeforeItIsUpFailsTheWaitWithItsLog() {
    ChildProcess child = new ChildProcess("broken", List.of("sh", "-c", "echo no such election file; exit 3"),
        dir.resolve("broken.log"));
    child.start();

    String why = assertThrows(IllegalStateException.class,
        () -> child.awaitUp(System.nanoTime() + LIMIT.toNanos(), LIMIT, () -> false)).getMessage();

    assertTrue(why.contains("broken exited with status 3 before it was up"), why);
    assertTrue(why.contains("no such election file"), why);
  }
}
