package io.bftvote.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JVM options that run the JIT compiler's threads ahead of the application's, for the devnet's one
 * JVM (the {@code bftvote} launcher does the same for {@code ./bftvote devnet}). Under load that
 * JVM runs some sixty busy threads on two cores (each replica's readers, verifiers and loop, the
 * broker's, the gateway's), and at equal priority the compiler got a sliver of a core: at n = 7 it
 * was still compiling the hottest methods (SHA-256, the JSON parser) four minutes into a run, at
 * 16–46 % of a core, and the system ran them unoptimised meanwhile (BENCHMARKS.md, twelfth round).
 *
 * <p>Raising a thread's priority (a negative nice value) takes root on Linux. Without it the JVM
 * would only warn and ignore the options, so they are left out.
 */
final class CompilerPriority {
  /** Java thread priorities as nice values (HotSpot's policy 1); the compiler's own, -10. */
  static final List<String> OPTIONS = List.of("-XX:ThreadPriorityPolicy=1", "-XX:CompilerThreadPriority=-10");

  private CompilerPriority() {}

  /** {@link #OPTIONS} when this process may raise priorities (it runs as root), else none. */
  static List<String> options() {
    return runsAsRoot(Path.of("/proc/self/status")) ? OPTIONS : List.of();
  }

  /** True if the effective user id in a {@code /proc/<pid>/status} file is 0; false if it cannot tell. */
  static boolean runsAsRoot(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.trim().split("\\s+"); // Uid: real effective saved filesystem
          return ids.length > 2 && ids[2].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no procfs: leave priorities alone
    }
    return false;
  }
}
