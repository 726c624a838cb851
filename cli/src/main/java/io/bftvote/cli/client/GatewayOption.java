package io.bftvote.cli.client;

import picocli.CommandLine.Option;

/** {@code --gateway URL}, shared by the commands that talk to the gateway. */
public final class GatewayOption {
  @Option(names = "--gateway", paramLabel = "URL",
      defaultValue = "${env:BFTVOTE_GATEWAY:-http://localhost:8080}",
      description = "The gateway's base URL (env BFTVOTE_GATEWAY; default: ${DEFAULT-VALUE}).")
  String url;

  public GatewayClient client() {
    return new GatewayClient(url);
  }
}
