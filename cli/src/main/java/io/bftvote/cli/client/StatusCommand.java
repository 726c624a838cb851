package io.bftvote.cli.client;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.topics.Ballot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows a vote's status: pending, accepted or rejected.",
        "%nExit status: 0 the gateway knows the vote, 1 it does not (or cannot be reached)."})
public final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The request id that 'vote' printed (64 hex characters).")
  String requestId;

  @Mixin
  GatewayOption gateway;

  @Override
  public Integer call() {
    if (!Ballot.isRequestId(requestId)) {
      throw CliException.usage("'" + requestId + "' is not a request id: expected 64 lowercase hex characters");
    }
    GatewayClient.Answer answer = gateway.client().vote(requestId);
    if (answer.status() == 404) {
      throw CliException.failure("the gateway has never seen vote " + requestId);
    }
    if (answer.status() != 200) {
      throw CliException.failure("the gateway could not report vote " + requestId + ": " + answer.error());
    }
    VoteStatus status = VoteStatus.of(answer.body());
    spec.commandLine().getOut().println(status.id() + " " + status.describe());
    return Main.OK;
  }
}
