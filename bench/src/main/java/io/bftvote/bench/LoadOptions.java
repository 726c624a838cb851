package io.bftvote.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How much load, for how long, and what counts as keeping up. */
final class LoadOptions {
  /** A fresh devnet JVM compiles its hot paths for about this long under load on a 2-core machine. */
  static final Duration DEVNET_PRIME = Duration.ofSeconds(60);
  /** How often a run, and the wait between runs, say how they are going. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Option(names = "--rate", paramLabel = "R", split = ",", defaultValue = "1000",
      description = "Offered votes per second, constant (open loop); several rates run one after another"
          + " (default: ${DEFAULT-VALUE}).")
  List<Double> rates;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "60s", converter = Durations.class,
      description = "Measured time per run, after the warm-up (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", paramLabel = "D", defaultValue = "10s", converter = Durations.class,
      description = "Load before measuring, excluded from every figure (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--prime", paramLabel = "D", converter = Durations.class,
      description = "An unmeasured first run at the first rate, so a freshly started system has "
          + "compiled its hot paths before anything counts (default: 60s with --devnet, none "
          + "otherwise).")
  Duration prime;

  @Option(names = "--drain", paramLabel = "D", defaultValue = "30s", converter = Durations.class,
      description = "How long to wait after a run for outcomes still on their way (default: ${DEFAULT-VALUE}).")
  Duration drain;

  @Option(names = "--settle", paramLabel = "D", defaultValue = "300s", converter = Durations.class,
      description = "Before each run, wait until the system is idle (every vote of the previous run final or"
          + " refused, no replica replying for 2 s), then 5 s more; at most this long, after which the run is"
          + " marked as started on a backlog, and --find-max stops (default: ${DEFAULT-VALUE}).")
  Duration settle;

  @Option(names = "--find-max", description = "Search for the highest rate whose runs meet every objective.")
  boolean findMax;

  @Option(names = "--start-rate", paramLabel = "R", defaultValue = "500",
      description = "With --find-max: the first rate tried (default: ${DEFAULT-VALUE}).")
  double startRate;

  @Option(names = "--resolution", paramLabel = "R", defaultValue = "100",
      description = "With --find-max: rates are multiples of this (default: ${DEFAULT-VALUE}).")
  double resolution;

  @Option(names = "--max-steps", paramLabel = "N", defaultValue = "10",
      description = "With --find-max: most runs in the search (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--p99", paramLabel = "D", defaultValue = "500ms", converter = Durations.class,
      description = "The p99 post-to-final latency a run must stay within (default: ${DEFAULT-VALUE}).")
  Duration p99Target;

  @Option(names = "--election", paramLabel = "ID", defaultValue = "demo",
      description = "The election to vote in (default: ${DEFAULT-VALUE}).")
  String election;

  @Option(names = "--candidates", paramLabel = "C", split = ",", defaultValue = "alice,bob,carol",
      description = "Candidates, taken in turn (default: ${DEFAULT-VALUE}).")
  List<String> candidates;

  @Option(names = "--sign-threads", paramLabel = "N",
      description = "Threads pre-signing ballots (default: every core).")
  Integer signThreads;

  RunSettings settings() {
    for (double rate : rates) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("--rate must be positive, got " + rate);
      }
    }
    Objectives objectives = new Objectives(p99Target.toNanos() / 1e6, Objectives.DEFAULT.minThroughputShare(),
        Objectives.DEFAULT.maxLossShare());
    return new RunSettings(warmup, duration, drain, PROGRESS_EVERY, objectives, false);
  }

  /** The wait for an idle system before each run. */
  IdleWait idleWait(PrintWriter progress) {
    return new IdleWait(settle, PROGRESS_EVERY, IdleWait.Clock.SYSTEM, progress);
  }

  /** How long to prime the system before the first measured run. */
  Duration prime(boolean freshDevnet) {
    if (prime != null) {
      return prime;
    }
    return freshDevnet ? DEVNET_PRIME : Duration.ZERO;
  }

  @Option(names = "--speed-check", paramLabel = "D", defaultValue = "3s", converter = Durations.class,
      description = "Before the system starts and after the last run, measure for this long (after a warm-up"
          + " as long) how fast one core of this machine verifies Ed25519 signatures, so each result says how"
          + " fast the machine was that day; 0s skips it (default: ${DEFAULT-VALUE}).")
  Duration speedCheck;

  /**
   * How fast the machine verifies signatures now, said on {@code progress} with {@code when}; null
   * with {@code --speed-check 0s}.
   */
  SignatureSpeed checkSpeed(String when, PrintWriter progress) {
    if (speedCheck.isZero()) {
      return null;
    }
    progress.printf("measuring the machine's speed %s (%s)…%n", when, Durations.format(speedCheck));
    progress.flush();
    SignatureSpeed speed = SignatureSpeed.measure(speedCheck);
    progress.printf("machine speed %s: %s%n", when, speed.describe());
    progress.flush();
    return speed;
  }

  int signThreads() {
    return signThreads != null ? signThreads : Runtime.getRuntime().availableProcessors();
  }
}
