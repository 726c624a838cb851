package io.bftvote.cli.operator;

import io.bftvote.cli.CliException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Checks that at least one bootstrap server accepts a connection before a Kafka client is made:
 * a Kafka client facing no broker retries quietly for a minute and fills the terminal with
 * warnings, where the operator needs one line saying what to do.
 */
final class BrokerAddress {
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  private BrokerAddress() {
  }

  static void requireReachable(String bootstrapServers) {
    for (String server : bootstrapServers.split(",")) {
      if (accepts(hostPort(server.strip(), bootstrapServers))) {
        return;
      }
    }
    throw CliException.failure("cannot reach Kafka at " + bootstrapServers
        + " — is './bftvote devnet' (or './bftvote broker') running? (or pass --bootstrap HOST:PORT)");
  }

  private static InetSocketAddress hostPort(String server, String all) {
    int colon = server.lastIndexOf(':');
    int port = colon <= 0 ? -1 : portNumber(server.substring(colon + 1));
    if (port < 1 || port > 65_535) {
      throw CliException.usage("'" + all + "' is not a list of HOST:PORT Kafka servers (look at '" + server + "')");
    }
    return new InetSocketAddress(server.substring(0, colon), port);
  }

  private static int portNumber(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean accepts(InetSocketAddress server) {
    try (Socket socket = new Socket()) {
      socket.connect(server, CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
