package io.bftvote.cli;

import io.bftvote.bench.BenchCommand;
import io.bftvote.cli.client.KeygenCommand;
import io.bftvote.cli.client.StatusCommand;
import io.bftvote.cli.client.VoteCommand;
import io.bftvote.cli.component.BrokerCommand;
import io.bftvote.cli.component.GatewayCommand;
import io.bftvote.cli.component.HealthcheckCommand;
import io.bftvote.cli.component.ReplicaCommand;
import io.bftvote.cli.component.TallyCommand;
import io.bftvote.cli.devnet.DevnetCommand;
import io.bftvote.cli.genesis.GenesisCommand;
import io.bftvote.cli.operator.ClusterCommand;
import io.bftvote.cli.operator.DetectionsCommand;
import io.bftvote.cli.operator.SimulateCommand;
import io.bftvote.cli.operator.VerifyEvidenceCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bftvote COMMAND}: exit 0 on success, 1 on failure, 2 on a usage error. */
@Command(name = "bftvote", mixinStandardHelpOptions = true, version = "bftvote 0.1.0",
    description = "A Byzantine-fault-tolerant voting ledger: PBFT replicas over Apache Kafka.",
    subcommands = {
        DevnetCommand.class, BrokerCommand.class, ReplicaCommand.class, GatewayCommand.class,
        TallyCommand.class, KeygenCommand.class, VoteCommand.class, StatusCommand.class,
        DetectionsCommand.class, VerifyEvidenceCommand.class, ClusterCommand.class, GenesisCommand.class,
        HealthcheckCommand.class, SimulateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code; the JVM-exiting part stays in {@link #main}. */
  public static int run(String... args) {
    CommandLine cli = commandLine();
    int exitCode = cli.execute(args);
    // Commands print through PrintWriters that flush only on println; System.exit would drop the rest.
    cli.getOut().flush();
    cli.getErr().flush();
    return exitCode;
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportFailure);
  }

  /** Without a command, show what there is to do. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /**
   * Failures the user can act on (unreachable gateway, bad file, taken port) print one line that
   * says what to do; anything else is a bug and keeps its stack trace.
   */
  private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof CliException c) {
      err.println("bftvote: " + c.getMessage());
      return c.exitCode();
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof java.io.UncheckedIOException) {
      err.println("bftvote " + cmd.getCommandName() + ": " + e.getMessage());
      return FAILURE;
    }
    e.printStackTrace(err);
    return FAILURE;
  }
}
