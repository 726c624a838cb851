package io.bftvote.cli.devnet;

import io.bftvote.cli.CliException;
import io.bftvote.cli.component.Foreground;
import io.bftvote.cli.component.GatewayLimitOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = {"Runs broker, replicas, tally and gateway in one process.",
        "%nA Kafka broker, n PBFT replicas, the tally app and the gateway, all keeping their state under",
        "--data: start again on the same folder to resume the same election. Ctrl-C stops everything."})
public final class DevnetCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "${env:BFTVOTE_REPLICAS:-4}",
      description = "How many replicas, n = 3f+1 (env BFTVOTE_REPLICAS; default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:BFTVOTE_DATA:-devnet-data}",
      description = "Where the devnet keeps keys, ledgers, broker and tally state (env BFTVOTE_DATA; default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--byzantine", paramLabel = "ID:MODE",
      description = {"Make replica ID misbehave (repeatable, at most f of them): silent, equivocate, forge,",
          "corrupt, replay."})
  List<String> byzantine = List.of();

  @Option(names = "--port-base", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_PORT_BASE:-8000}",
      description = "Gateway on PORT+80, tally on PORT+90, replica i on PORT+100+i (env BFTVOTE_PORT_BASE;"
          + " default: ${DEFAULT-VALUE}).")
  int portBase;

  @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_BROKER_PORT:-9092}",
      description = "The Kafka broker's port (env BFTVOTE_BROKER_PORT; default: ${DEFAULT-VALUE}).")
  int brokerPort;

  @Mixin
  GatewayLimitOptions gatewayLimits;

  @Override
  public Integer call() throws Exception {
    DevnetOptions options = options();
    spec.commandLine().getErr().println("starting devnet in " + data.toAbsolutePath().normalize() + " …");
    Devnet devnet = Devnet.start(options);
    spec.commandLine().getOut().print(DevnetSummary.of(devnet, options));
    spec.commandLine().getOut().flush();
    return Foreground.runUntilStopped("devnet", devnet);
  }

  DevnetOptions options() {
    try {
      Map<Integer, ByzantineMode> modes = new TreeMap<>();
      for (String given : byzantine) {
        Map.Entry<Integer, ByzantineMode> entry = ByzantineMode.parse(given);
        if (modes.put(entry.getKey(), entry.getValue()) != null) {
          throw new IllegalArgumentException("--byzantine gives replica " + entry.getKey() + " two modes");
        }
      }
      return DevnetOptions.standard(data, replicas, portBase, brokerPort, modes)
          .withGatewayLimits(gatewayLimits.limits());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
