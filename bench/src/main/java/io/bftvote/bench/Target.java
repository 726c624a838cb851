package io.bftvote.bench;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.util.List;

/**
 * The system under test: where ballots go (the gateway, or the broker for {@code --direct}), where
 * replies are read, the replica keys that sign them, and which processes to report CPU and memory for.
 *
 * @param description for the report, e.g. "devnet in one JVM (pid 1234)"
 * @param gatewayUrl null when only the broker is known
 */
record Target(String description, String gatewayUrl, String bootstrapServers, Topics topics, Cluster cluster,
              List<ResourceWatch.Watched> processes) {
  Target {
    processes = List.copyOf(processes);
  }
}
