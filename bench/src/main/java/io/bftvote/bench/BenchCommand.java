package io.bftvote.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./bftvote bench}: load runs, the max-rate search, the JMH micro-benchmarks, and the plot. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measures committed votes/s and post-to-final latency under open-loop load.",
        "%nBallots are pre-signed from fresh voter keys, then sent at a constant rate whatever the system does,"
            + " and each latency runs from the ballot's intended send time to f+1 matching signed replies.",
        "%nExamples:",
        "  ./bftvote bench --devnet --rate 1000,2000,3000 --duration 60s",
        "  ./bftvote bench --devnet --replicas 7 --find-max --duration 30s --json > n7.json",
        "  ./bftvote bench --devnet --direct --rate 3000",
        "  ./bftvote bench --devnet --processes --rate 1000 --warmup 60s --duration 10m --json > rss.json",
        "  ./bftvote bench --devnet --processes --rate 500 --duration 120s --crash-primary-at 40s --restart-after 20s",
        "  ./bftvote bench --gateway http://gw:8080 --bootstrap kafka:9092 --cluster cluster.json --rate 500",
        "  ./bftvote bench --plot docs/bench.png n4.json n7.json",
        "  ./bftvote bench --jmh Ed25519",
        "  ./bftvote bench --jfr-summary devnet.jfr"})
public final class BenchCommand implements Callable<Integer> {
  private static final int JFR_ROWS = 25;

  @Spec
  CommandSpec spec;

  @Mixin
  TargetOptions target;

  @Mixin
  LoadOptions load;

  @Mixin
  CrashOptions crash;

  @Option(names = "--json", description = "Print the results as JSON (progress still goes to stderr).")
  boolean json;

  @Option(names = "--label", paramLabel = "TEXT", description = "Series name in plots (default: n=N and the mode).")
  String label;

  @Option(names = "--plot", paramLabel = "PNG",
      description = "Draw throughput and p99 against offered load from the result files given (--json output).")
  Path plot;

  @Option(names = "--plot-size", paramLabel = "WxH", defaultValue = "1000x760",
      description = "The plot's size in pixels (default: ${DEFAULT-VALUE}).")
  String plotSize;

  @Option(names = "--jmh", paramLabel = "REGEX", arity = "0..1", fallbackValue = "",
      description = "Run the JMH micro-benchmarks whose names match (all without a REGEX).")
  String jmh;

  @Option(names = "--jmh-options", paramLabel = "OPTS", defaultValue = "",
      description = "Further JMH options, space-separated, e.g. \"-prof gc -f 2\".")
  String jmhOptions;

  @Option(names = "--jfr-summary", paramLabel = "JFR",
      description = "Summarize a JFR recording's CPU samples: by thread, by method (self and total).")
  Path jfrSummary;

  @Parameters(paramLabel = "RESULTS", arity = "0..*", description = "With --plot: result files (--json output).")
  List<Path> resultFiles = List.of();

  @Override
  public Integer call() throws Exception {
    if (plot != null) {
      return plot();
    }
    if (jfrSummary != null) {
      JfrSummary.of(jfrSummary).print(spec.commandLine().getOut(), JFR_ROWS);
      return 0;
    }
    if (jmh != null) {
      JmhLauncher.run(jmh, jmhOptions.isBlank() ? List.of() : List.of(jmhOptions.trim().split("\\s+")));
      return 0;
    }
    return measure();
  }

  private int plot() throws Exception {
    String[] size = plotSize.split("x");
    if (size.length != 2) {
      throw new IllegalArgumentException("--plot-size is WIDTHxHEIGHT, like 1000x760; got " + plotSize);
    }
    List<BenchResult> results = resultFiles.stream().map(BenchResult::read).toList();
    new PlotWriter(Integer.parseInt(size[0]), Integer.parseInt(size[1])).write(results, plot);
    spec.commandLine().getOut().println("wrote " + plot);
    return 0;
  }

  /** Options that do not go together, refused before anything starts. */
  void checkOptions() {
    if (load.findMax && load.rates.size() > 1) {
      throw new IllegalArgumentException("--find-max chooses the rates itself: give no list to --rate");
    }
    target.check();
    crash.check(target.processes, load);
  }

  private int measure() throws Exception {
    PrintWriter progress = spec.commandLine().getErr();
    RunSettings settings = load.settings();
    IdleWait idle = load.idleWait(progress);
    checkOptions();
    SignatureSpeed before = load.checkSpeed("before the system starts", progress);
    ProcessCluster processes = target.processes ? target.startProcesses(progress) : null;
    DevnetProcess devnet = target.devnet && processes == null ? target.startDevnet(progress) : null;
    BenchResult result;
    try {
      Target system = processes != null ? processes.target() : devnet != null ? devnet.target() : target.external();
      PrimaryCrash primaryCrash = processes != null ? crash.crash(processes, progress) : null;
      try (VoteSender sender = target.sender(system)) {
        result = measure(system, sender, settings, idle, target.devnet, primaryCrash, before, progress);
      }
    } finally {
      if (processes != null) {
        processes.close();
      }
      if (devnet != null) {
        devnet.close();
      }
    }
    // Stopped first, so a devnet's after-check sees the machine as idle as the before-check did.
    result = result.withSpeedAfter(load.checkSpeed("after the runs", progress));
    spec.commandLine().getOut().print(json ? result.toJson() + "\n" : ReportTable.format(result));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private BenchResult measure(Target system, VoteSender sender, RunSettings settings, IdleWait idle,
                              boolean freshDevnet, PrimaryCrash primaryCrash, SignatureSpeed before,
                              PrintWriter progress)
      throws InterruptedException {
    List<ResourceWatch.Watched> watched = new ArrayList<>(system.processes());
    watched.add(new ResourceWatch.Watched("bench JVM (load generator, reply reader)", ProcessHandle.current().pid()));
    ResourceWatch resources = new ResourceWatch(ProcessProbe.forThisMachine(), watched);
    PreSigner signer = new PreSigner(load.election, load.candidates, load.signThreads(), progress);
    String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    progress.printf("load: %s → %s; replies from %s; %s%n", sender.mode(), sender.target(), system.bootstrapServers(),
        system.description());
    Steps.Outcome outcome;
    try (LoadRun run = new LoadRun(settings, system, sender, signer, resources, progress, primaryCrash)) {
      Duration prime = load.prime(freshDevnet);
      if (!prime.isZero()) {
        double rate = load.findMax ? load.startRate : load.rates.get(0);
        progress.printf("priming the system for %s at %s/s, not measured: a fresh JVM compiles its hot paths"
            + " first%n", Durations.format(prime), ReportTable.count(rate));
        run.prime(rate, prime);
      }
      Steps steps = new Steps(run, idle, progress);
      outcome = load.findMax
          ? steps.findMax(new MaxRateSearch(load.startRate, load.resolution, load.maxSteps))
          : steps.sweep(load.rates);
    }
    int n = system.cluster().n();
    return new BenchResult(label != null ? label : "n=" + n + " " + sender.mode(), sender.mode(), n,
        system.description() + ", load to " + sender.target(), sender.clients(), Machine.current(), started,
        settings.objectives(), outcome.runs(), outcome.best(), outcome.stopped(), before, null);
  }
}
