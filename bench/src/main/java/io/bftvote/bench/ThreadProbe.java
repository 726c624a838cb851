package io.bftvote.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of a process by thread group, from {@code /proc/<pid>/task/<tid>/stat}: in a devnet,
 * which runs everything in one JVM, this is what tells the replicas' event loops from their
 * signature checkers, the broker and the gateway. Linux keeps 15 characters of a thread's name;
 * threads that differ only in a trailing number ("replica-0-verify-1", "-2") form one group.
 */
final class ThreadProbe {
  private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_ #]*\\d+$");

  private ThreadProbe() {}

  /** CPU ticks used so far by each thread group of {@code pid}; empty where there is no /proc. */
  static Map<String, Long> ticksByGroup(long pid) {
    Map<String, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          ticks.merge(group(threadName(stat)), ProcessProbe.cpuTicks(stat), Long::sum);
        } catch (IOException | RuntimeException exited) {
          // the thread ended between listing and reading: its time is simply not counted
        }
      }
    } catch (IOException | RuntimeException noProc) {
      return Map.of();
    }
    return ticks;
  }

  /** The busiest groups between two readings, in percent of one core over {@code seconds}. */
  static List<ThreadUsage> busiest(Map<String, Long> from, Map<String, Long> to, long ticksPerSecond, double seconds,
                                   int limit) {
    return to.entrySet().stream()
        .map(e -> new ThreadUsage(e.getKey(),
            100.0 * (e.getValue() - from.getOrDefault(e.getKey(), 0L)) / ticksPerSecond / seconds))
        .filter(u -> u.cpuPercent() > 0)
        .sorted((a, b) -> Double.compare(b.cpuPercent(), a.cpuPercent()))
        .limit(limit)
        .toList();
  }

  /** Field 2 of a stat line, without its parentheses. */
  static String threadName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  static String group(String threadName) {
    String group = TRAILING_NUMBER.matcher(threadName).replaceAll("");
    return group.isEmpty() ? threadName : group;
  }
}
