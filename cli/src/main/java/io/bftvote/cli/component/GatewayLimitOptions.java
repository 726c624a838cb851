package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import io.bftvote.gateway.ApiLimits;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The gateway's per-client limits ({@link ApiLimits}): shared by {@code gateway} and {@code devnet}.
 * The defaults written here are {@link ApiLimits#DEFAULT}'s (a test holds them equal), so a devnet
 * limits clients exactly as a production gateway would unless told otherwise.
 */
public final class GatewayLimitOptions {
  @Option(names = "--votes-per-second", paramLabel = "RATE", defaultValue = "${env:BFTVOTE_VOTES_PER_SECOND:-200}",
      description = {"Votes per second each client address may send; more get 429 with Retry-After",
          "(env BFTVOTE_VOTES_PER_SECOND; default: ${DEFAULT-VALUE})."})
  double votesPerSecond;

  @Option(names = "--vote-burst", paramLabel = "N", defaultValue = "${env:BFTVOTE_VOTE_BURST:-400}",
      description = "Votes a client may send at once before its rate applies (env BFTVOTE_VOTE_BURST; default: ${DEFAULT-VALUE}).")
  int voteBurst;

  @Option(names = "--stream-clients", paramLabel = "N", defaultValue = "${env:BFTVOTE_STREAM_CLIENTS:-1000}",
      description = {"Live event streams (dashboards, detections --follow) open at once; more get 503",
          "(env BFTVOTE_STREAM_CLIENTS; default: ${DEFAULT-VALUE})."})
  int streamClients;

  /** The limits given, or a usage error saying which one is out of range. */
  public ApiLimits limits() {
    try {
      return new ApiLimits(votesPerSecond, voteBurst, streamClients);
    } catch (IllegalArgumentException e) {
      // ApiLimits names its fields; the operator typed flags
      throw CliException.usage(e, Map.of("votesPerSecond", "--votes-per-second", "voteBurst", "--vote-burst",
          "streamClients", "--stream-clients"));
    }
  }
}
