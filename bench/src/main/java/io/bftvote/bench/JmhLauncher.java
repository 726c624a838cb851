package io.bftvote.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH micro-benchmarks of {@code io.bftvote.bench.jmh} in this JVM's class path (JMH
 * forks a fresh JVM per benchmark with it). Quick settings by default, so the whole suite takes a
 * few minutes; a JMH option given replaces its quick default (JMH refuses an option twice).
 */
final class JmhLauncher {
  static final String PACKAGE = "io.bftvote.bench.jmh.";
  /** One fork, 3 warm-up and 5 measured iterations of 2 s: enough to see where time goes. */
  static final Map<String, String> QUICK = orderedMap("-f", "1", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s");

  private JmhLauncher() {}

  /**
   * @param regex selects benchmarks by name (within this project's benchmarks)
   * @param jmhOptions further JMH command-line options, e.g. "-prof", "gc"
   */
  static Collection<RunResult> run(String regex, List<String> jmhOptions) throws RunnerException {
    List<String> args = new ArrayList<>();
    QUICK.forEach((option, value) -> {
      if (!jmhOptions.contains(option)) {
        args.add(option);
        args.add(value);
      }
    });
    args.addAll(jmhOptions);
    args.add(PACKAGE.replace(".", "\\.") + ".*" + regex);
    try {
      return new Runner(new CommandLineOptions(args.toArray(String[]::new))).run();
    } catch (CommandLineOptionException e) {
      throw new IllegalArgumentException("JMH does not understand " + jmhOptions + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> orderedMap(String... optionsAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < optionsAndValues.length; i += 2) {
      map.put(optionsAndValues[i], optionsAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
