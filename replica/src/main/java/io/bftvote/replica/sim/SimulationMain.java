package io.bftvote.replica.sim;

import java.io.PrintStream;

/**
 * Runs many seeds from the command line and prints each failing one with its replay command:
 * {@code --seeds N} (default 1000), {@code --from S} (first seed, default 1), {@code --replicas N}
 * (default 4), {@code --ballots N}, {@code --profile NAME} (see {@link SimOptions#profile}, default
 * all-faults), {@code --power-cuts} (every honest replica crashes at once, see
 * {@link SimOptions#withPowerCuts}), or {@code --seed S} to run one seed and describe it.
 * Exit status: 0 if every seed passed, 1 if any failed, 2 on bad arguments.
 */
public final class SimulationMain {
  private SimulationMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out);
    if (status != 0) {
      // An uncaught exception ends the JVM with a non-zero status, without System.exit.
      throw new IllegalStateException(status == 1 ? "some seeds failed" : "bad arguments");
    }
  }

  /** Runs what {@code args} ask for, printing to {@code out}; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    long from = 1;
    long seeds = 1_000;
    int replicas = 4;
    Integer ballots = null;
    String profile = SimOptions.ALL_FAULTS;
    boolean single = false;
    boolean powerCuts = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--seeds" -> seeds = Long.parseLong(args[++i]);
          case "--from" -> from = Long.parseLong(args[++i]);
          case "--seed" -> {
            from = Long.parseLong(args[++i]);
            seeds = 1;
            single = true;
          }
          case "--replicas" -> replicas = Integer.parseInt(args[++i]);
          case "--ballots" -> ballots = Integer.parseInt(args[++i]);
          case "--profile" -> profile = args[++i];
          case "--power-cuts" -> powerCuts = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      SimOptions options = SimOptions.profile(profile, replicas);
      options = powerCuts ? options.withPowerCuts() : options;
      return runSeeds(ballots == null ? options : options.withBallots(ballots), from, seeds, single, out);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      out.println("simulate: " + e.getMessage()
          + "\nusage: simulate [--seeds N] [--from S] [--replicas N] [--ballots N] [--profile NAME] [--power-cuts]"
          + " | --seed S");
      return 2;
    }
  }

  private static int runSeeds(SimOptions options, long from, long seeds, boolean single, PrintStream out) {
    long started = System.nanoTime();
    long failed = 0;
    long steps = 0;
    for (long seed = from; seed < from + seeds; seed++) {
      SimResult result = Simulation.run(seed, options);
      steps += result.steps();
      if (single || !result.ok()) {
        out.println(result.describe());
      }
      if (!result.ok()) {
        failed++;
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    out.printf("%d seeds from %d (%s, n=%d): %d failed, %d steps, %d ms%n", seeds, from, options.profile(),
        options.replicas(), failed, steps, millis);
    return failed == 0 ? 0 : 1;
  }
}
