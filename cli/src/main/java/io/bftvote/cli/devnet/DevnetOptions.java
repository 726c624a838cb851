package io.bftvote.cli.devnet;

import io.bftvote.gateway.ApiLimits;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to lay out a devnet. A port of 0 means "any free port" (tests); {@link #standard} gives the
 * ports of DESIGN.md shifted by a base, so two devnets can run side by side.
 *
 * @param adminPortBase replica i's admin port is adminPortBase + i, or any free port when 0
 * @param byzantine replica id → misbehaviour mode, as given with --byzantine
 * @param gatewayLimits the gateway's per-client limits; null means the gateway's own defaults
 */
public record DevnetOptions(Path dataDir, int replicas, int brokerPort, int gatewayPort, int tallyPort,
    int adminPortBase, String topicPrefix, Map<Integer, ByzantineMode> byzantine, ApiLimits gatewayLimits) {

  public DevnetOptions(Path dataDir, int replicas, int brokerPort, int gatewayPort, int tallyPort,
      int adminPortBase, String topicPrefix, Map<Integer, ByzantineMode> byzantine) {
    this(dataDir, replicas, brokerPort, gatewayPort, tallyPort, adminPortBase, topicPrefix, byzantine, null);
  }

  public DevnetOptions {
    if (dataDir == null) {
      throw new IllegalArgumentException("devnet needs a data directory");
    }
    if (replicas < 4 || (replicas - 1) % 3 != 0) {
      throw new IllegalArgumentException("--replicas must be 3f+1 with f >= 1 (4, 7, 10, ...), got " + replicas);
    }
    checkPort("broker", brokerPort);
    checkPort("gateway", gatewayPort);
    checkPort("tally", tallyPort);
    if (adminPortBase != 0) {
      checkPort("replica admin", adminPortBase + replicas - 1);
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    byzantine = byzantine == null ? Map.of() : Map.copyOf(byzantine);
    gatewayLimits = gatewayLimits == null ? ApiLimits.DEFAULT : gatewayLimits;
    for (int id : byzantine.keySet()) {
      if (id < 0 || id >= replicas) {
        throw new IllegalArgumentException("--byzantine names replica " + id + ", but there are replicas 0.."
            + (replicas - 1));
      }
    }
    int f = (replicas - 1) / 3;
    if (byzantine.size() > f) {
      throw new IllegalArgumentException("--byzantine makes " + byzantine.size() + " replicas lie, but PBFT with n = "
          + replicas + " tolerates only f = " + f + " (n = 3f+1); add replicas with --replicas");
    }
  }

  /**
   * DESIGN.md's ports moved by {@code portBase - 8000}: gateway portBase+80, tally portBase+90,
   * replica i portBase+100+i. The broker port is separate because Kafka's is not in that range.
   */
  public static DevnetOptions standard(Path dataDir, int replicas, int portBase, int brokerPort,
      Map<Integer, ByzantineMode> byzantine) {
    return new DevnetOptions(dataDir, replicas, brokerPort, portBase + 80, portBase + 90, portBase + 100, "",
        byzantine);
  }

  /** Every port chosen by the system: for tests, which must not collide with a running devnet. */
  public static DevnetOptions anyFreePorts(Path dataDir, int replicas) {
    return new DevnetOptions(dataDir, replicas, 0, 0, 0, 0, "", Map.of());
  }

  /** The same layout with other gateway limits (--votes-per-second, --vote-burst, --stream-clients). */
  public DevnetOptions withGatewayLimits(ApiLimits limits) {
    return new DevnetOptions(dataDir, replicas, brokerPort, gatewayPort, tallyPort, adminPortBase, topicPrefix,
        byzantine, limits);
  }

  public int adminPort(int replica) {
    return adminPortBase == 0 ? 0 : adminPortBase + replica;
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the " + what + " port must be 0..65535, got " + port);
    }
  }
}
