package io.bftvote.cli.client;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.KeyFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "vote", mixinStandardHelpOptions = true,
    description = {"Signs and sends a ballot, then waits for its outcome.",
        "%nSigns with your voter key, posts to the gateway and waits until f+1 replicas agree.",
        "Exit status: 0 accepted (or submitted, with --no-wait), 1 rejected or failed, 2 usage error."})
public final class VoteCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** How long the gateway holds the POST open for the outcome before we start polling. */
  private static final Duration SERVER_WAIT = Duration.ofSeconds(5);
  private static final Duration POLL_EVERY = Duration.ofMillis(250);

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your voter key (see keygen).")
  Path keyFile;

  @Option(names = "--election", required = true, paramLabel = "E", description = "The election, e.g. demo.")
  String election;

  @Option(names = "--candidate", required = true, paramLabel = "C", description = "Your candidate, e.g. alice.")
  String candidate;

  @Option(names = "--nonce", paramLabel = "N",
      description = "Makes this ballot distinct from your others (default: random). Reusing a nonce resends the same ballot.")
  String nonce;

  @Option(names = "--no-wait", description = "Return once the gateway took the vote, without waiting for the outcome.")
  boolean noWait;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Give up waiting for the outcome after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin
  GatewayOption gateway;

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw CliException.usage("--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    Ballot ballot = Ballot.sign(loadKey(), election, candidate, nonce == null ? randomNonce() : nonce);
    String problem = ballot.problem();
    if (problem != null) {
      throw CliException.usage("cannot make this ballot: " + problem);
    }
    PrintWriter out = spec.commandLine().getOut();
    GatewayClient client = gateway.client();
    GatewayClient.Answer answer = client.submit(ballot, noWait ? Duration.ZERO : SERVER_WAIT);
    if (answer.status() != 200 && answer.status() != 202) {
      throw CliException.failure("the gateway refused the vote (HTTP " + answer.status() + "): " + answer.error());
    }
    VoteStatus status = VoteStatus.of(answer.body());
    out.println("request id: " + status.id());
    if (noWait) {
      out.println("submitted; follow it with: ./bftvote status " + status.id());
      return Main.OK;
    }
    VoteStatus outcome = status.isFinal() ? status : new VotePoller(client, POLL_EVERY).awaitFinal(status.id(),
        Duration.ofSeconds(timeoutSeconds), Spinner.forTerminal(spec.commandLine().getErr()));
    out.println(outcome.describe());
    return outcome.isAccepted() ? Main.OK : Main.FAILURE;
  }

  private Ed25519.KeyPair loadKey() {
    if (!Files.exists(keyFile)) {
      throw CliException.usage("no key file " + keyFile + " — create one with './bftvote keygen --out " + keyFile + "'");
    }
    try {
      return KeyFile.load(keyFile);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw CliException.failure(e.getMessage());
    }
  }

  /** 16 random bytes: two ballots of one voter never collide by accident. */
  static String randomNonce() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return Bytes.b64url(bytes);
  }
}
