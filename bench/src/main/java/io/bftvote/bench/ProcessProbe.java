package io.bftvote.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}. Where there is no /proc (macOS), samples are simply absent and the
 * report says so; nothing fails.
 */
final class ProcessProbe {
  /** One reading: CPU time used so far (user + system), resident set now, and when it was taken. */
  record Sample(long cpuTicks, long rssKib, long atNanos) {}

  private static final long DEFAULT_TICKS_PER_SECOND = 100;

  private final long ticksPerSecond;

  ProcessProbe(long ticksPerSecond) {
    this.ticksPerSecond = ticksPerSecond;
  }

  /** A probe with the kernel's clock-tick rate ({@code getconf CLK_TCK}, 100 almost everywhere). */
  static ProcessProbe forThisMachine() {
    return new ProcessProbe(clockTicksPerSecond());
  }

  long ticksPerSecond() {
    return ticksPerSecond;
  }

  Optional<Sample> sample(long pid) {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      long ticks = cpuTicks(Files.readString(proc.resolve("stat")));
      long rss = rssKib(Files.readString(proc.resolve("status")));
      return Optional.of(new Sample(ticks, rss, System.nanoTime()));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty(); // no /proc here, or the process has exited
    }
  }

  /** CPU used between two samples, in percent of one core (200 = both cores of a 2-core machine). */
  double cpuPercent(Sample from, Sample to) {
    double seconds = (to.atNanos() - from.atNanos()) / 1e9;
    if (seconds <= 0) {
      return 0;
    }
    return 100.0 * (to.cpuTicks() - from.cpuTicks()) / ticksPerSecond / seconds;
  }

  /**
   * utime + stime, fields 14 and 15 of /proc/pid/stat. Field 2, the command name, is in
   * parentheses and may itself hold spaces and parentheses, so counting starts after the last ')'.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/pid/stat line: " + stat);
    }
    // After ')' come field 3 (state), 4, ... so utime (14) is the 12th token and stime (15) the 13th.
    String[] fields = stat.substring(close + 1).trim().split("\\s+");
    if (fields.length < 13) {
      throw new IllegalArgumentException("a /proc/pid/stat line with only " + fields.length + " fields after the name");
    }
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The VmRSS line of /proc/pid/status, in KiB (a kernel thread has none: 0). */
  static long rssKib(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  /**
   * CPU ticks the whole machine has been busy, all cores together: the first line of /proc/stat
   * less its idle and iowait columns. Empty where there is no /proc.
   */
  static Optional<Long> machineBusyTicks() {
    try {
      return Optional.of(busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0)));
    } catch (IOException | RuntimeException unavailable) {
      return Optional.empty();
    }
  }

  /** From "cpu  user nice system idle iowait irq softirq steal ...": everything but idle and iowait. */
  static long busyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 6) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    long busy = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return busy;
  }

  /** The 1-minute load average, or NaN where there is no /proc/loadavg. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unavailable) {
      return Double.NaN;
    }
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // no getconf: fall through to Linux's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_TICKS_PER_SECOND;
  }
}
