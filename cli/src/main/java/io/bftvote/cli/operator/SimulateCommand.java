package io.bftvote.cli.operator;

import io.bftvote.replica.sim.SimulationMain;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./bftvote simulate}: the deterministic whole-cluster simulation of the PBFT core, over as
 * many seeds as you like. CI runs 1,000 seeds for n = 4 and 200 for n = 7; this runs more.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs the deterministic PBFT simulation over many seeds and reports any that break"
        + " agreement, validity or liveness.",
    footer = {"", "A failing seed prints itself and the command that replays it exactly.",
        "Exit status: 0 every seed passed, 1 a seed failed, 2 usage error."})
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1000", description = "How many seeds (default: ${DEFAULT-VALUE}).")
  long seeds;

  @Option(names = "--from", paramLabel = "S", defaultValue = "1", description = "The first seed (default: ${DEFAULT-VALUE}).")
  long from;

  @Option(names = "--seed", paramLabel = "S", description = "Run this one seed and describe it step by step.")
  Long seed;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "4", description = "n = 3f+1 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--ballots", paramLabel = "N", description = "Ballots submitted per seed (default: the profile's).")
  Integer ballots;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "all-faults",
      description = "Which faults to inject (default: ${DEFAULT-VALUE}).")
  String profile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--replicas", String.valueOf(replicas), "--profile", profile));
    if (seed != null) {
      args.addAll(List.of("--seed", String.valueOf(seed)));
    } else {
      args.addAll(List.of("--seeds", String.valueOf(seeds), "--from", String.valueOf(from)));
    }
    if (ballots != null) {
      args.addAll(List.of("--ballots", String.valueOf(ballots)));
    }
    return SimulationMain.run(args.toArray(String[]::new), printStreamOver(spec.commandLine().getOut()));
  }

  /** The simulation prints to a PrintStream; picocli (and the tests) hand out a PrintWriter. */
  private static PrintStream printStreamOver(PrintWriter out) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        out.write(b);
        if (b == '\n') {
          out.flush();
        }
      }
    }, true, StandardCharsets.US_ASCII);
  }
}
