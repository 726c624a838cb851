package io.bftvote.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a figure was measured on: a figure without it means little. */
record Machine(int cores, String cpu, double memoryGib, String jvm, String os) {
  static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryGib(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  String describe() {
    return String.format("%d cores (%s), %.1f GiB, %s, %s", cores, cpu, memoryGib, jvm, os);
  }

  private static String readCpuModel() {
    return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
  }

  private static double readMemoryGib() {
    return procLine("/proc/meminfo", "MemTotal")
        .map(v -> Long.parseLong(v.split("\\s+")[0]) / 1024.0 / 1024.0).orElse(Double.NaN);
  }

  /** The value after the colon of the first line starting with {@code key}, if the file is there. */
  private static Optional<String> procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
