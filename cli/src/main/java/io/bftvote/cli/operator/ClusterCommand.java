package io.bftvote.cli.operator;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.cli.client.GatewayClient;
import io.bftvote.cli.client.GatewayOption;
import io.bftvote.topics.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Shows each replica's view, height, head and lag, as the gateway sees them.",
        "%nLag is how many blocks a replica is behind the highest one; a replica that did not answer the"
            + " gateway is shown unreachable.",
        "%nExit status: 0 shown, 1 the gateway failed or cannot be reached."})
public final class ClusterCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print the gateway's JSON instead of a table.")
  boolean json;

  @Mixin
  GatewayOption gateway;

  @Override
  public Integer call() {
    GatewayClient.Answer answer = gateway.client().cluster();
    if (answer.status() != 200) {
      throw CliException.failure("the gateway could not report the cluster (HTTP " + answer.status() + "): "
          + answer.error());
    }
    if (!answer.body().path("replicas").isArray()) {
      throw CliException.failure("the gateway's /api/cluster answer has no replica list: " + answer.body());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.writeString(answer.body()));
    } else {
      out.print(ClusterTable.of(answer.body()));
      out.flush();
    }
    return Main.OK;
  }
}
