package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet's JIT compiler runs ahead of its application threads where the OS lets it. */
class CompilerPriorityTest {
  @TempDir
  Path dir;

  @Test
  void onlyAnEffectiveRootUserMayRaisePriorities() throws IOException {
    assertTrue(CompilerPriority.runsAsRoot(status("Uid:\t0\t0\t0\t0")));
    assertFalse(CompilerPriority.runsAsRoot(status("Uid:\t1000\t1000\t1000\t1000")));
    assertFalse(CompilerPriority.runsAsRoot(status("Uid:\t0\t1000\t1000\t1000")), "root's, run as another user");
    assertFalse(CompilerPriority.runsAsRoot(status("Name:\tjava")), "no Uid line");
    assertFalse(CompilerPriority.runsAsRoot(dir.resolve("absent")), "no procfs");
  }

  @Test
  void withTheOptionsTheCompilerThreadRunsAtNiceMinusTen() throws Exception {
    assumeTrue(CompilerPriority.runsAsRoot(Path.of("/proc/self/status")), "raising a priority takes root");
    Path probe = dir.resolve("NiceProbe.java");
    Files.writeString(probe, """
        import java.nio.file.*;
        public class NiceProbe {
          public static void main(String[] args) throws Exception {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
              for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).startsWith("C2 Compiler")) {
                  String stat = Files.readString(task.resolve("stat"));
                  System.out.println(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]); // nice
                }
              }
            }
          }
        }
        """);

    assertEquals("-10", niceOfTheCompiler(CompilerPriority.OPTIONS, probe));
    assertEquals(ownNice(), niceOfTheCompiler(List.of(), probe), "without them, the same as every thread");
  }

  private static String ownNice() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
  }

  private static String niceOfTheCompiler(List<String> options, Path probe) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add(probe.toString());
    Process java = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the probe JVM ended");
    return new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  private Path status(String uidLine) throws IOException {
    return Files.writeString(dir.resolve("status"), "Name:\tjava\n" + (uidLine.startsWith("Uid") ? uidLine + "\n" : "")
        + "Gid:\t0\t0\t0\t0\n");
  }
}
