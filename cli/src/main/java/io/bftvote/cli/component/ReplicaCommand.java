package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import io.bftvote.replica.ReplicaApp;
import io.bftvote.replica.ReplicaConfig;
import io.bftvote.replica.byzantine.Mode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replica", mixinStandardHelpOptions = true,
    description = {"Runs one PBFT replica against a running broker.",
        "%nCtrl-C stops it; its ledger stays on disk and it catches up from bft.blocks when started again."})
public final class ReplicaCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** The replica's admin port is this plus its id, as DESIGN.md fixes it (8100+i). */
  static final int ADMIN_PORT_BASE = 8100;

  @Option(names = "--id", paramLabel = "ID", defaultValue = "${env:BFTVOTE_REPLICA_ID}",
      description = "Required: this replica's index in the cluster file, 0..n-1 (env BFTVOTE_REPLICA_ID).")
  Integer id;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:BFTVOTE_REPLICA_DATA}",
      description = "Ledger directory (env BFTVOTE_REPLICA_DATA; default: devnet-data/replica-ID).")
  Path data;

  @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:BFTVOTE_KEY_FILE}",
      description = "This replica's signing key (env BFTVOTE_KEY_FILE; default: devnet-data/keys/replica-ID.key).")
  Path keyFile;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_ADMIN_PORT}",
      description = "Admin HTTP port, 0 for any free port (env BFTVOTE_ADMIN_PORT; default: 8100+ID).")
  Integer adminPort;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "${env:BFTVOTE_MAX_BATCH:-1000}",
      description = "Most ballots per block (env BFTVOTE_MAX_BATCH; default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--batch-delay-ms", paramLabel = "MS", defaultValue = "${env:BFTVOTE_BATCH_DELAY_MS:-200}",
      description = "How long the primary waits to fill a batch (env BFTVOTE_BATCH_DELAY_MS; default: ${DEFAULT-VALUE}).")
  long batchDelayMillis;

  @Option(names = "--window", paramLabel = "N", defaultValue = "${env:BFTVOTE_WINDOW:-16}",
      description = "Blocks the primary keeps in flight (env BFTVOTE_WINDOW; default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--byzantine", paramLabel = "MODE",
      description = {"Make this replica lie on purpose, to watch the others cope and the tally catch it:",
          "silent, equivocate, forge, corrupt or replay (see DESIGN.md). Default: honest."})
  String byzantine;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  GenesisOptions genesis;

  @Override
  public Integer call() throws Exception {
    ReplicaApp replica = new ReplicaApp(config());
    replica.start();
    spec.commandLine().getOut().println("replica " + id + " running; admin at http://localhost:" + replica.adminPort()
        + "/status; Ctrl-C stops it");
    return Foreground.runUntilStopped("replica " + id, replica);
  }

  ReplicaConfig config() {
    if (id == null) {
      throw CliException.usage("replica: --id is required (or set BFTVOTE_REPLICA_ID)");
    }
    Path dataDir = data != null ? data : Path.of("devnet-data", "replica-" + id);
    Path key = RequiredFile.check(keyFile != null ? keyFile : Path.of("devnet-data", "keys", "replica-" + id + ".key"),
        "key file for replica " + id);
    int port = adminPort != null ? adminPort : ADMIN_PORT_BASE + id;
    return new ReplicaConfig(id, kafka.bootstrapServers(), kafka.topicPrefix(), dataDir, key,
        genesis.clusterFile(), genesis.electionsFile(), port, maxBatch, batchDelayMillis, window, kafka.overrides())
        .withByzantine(byzantineMode());
  }

  private Mode byzantineMode() {
    try {
      return byzantine == null ? null : Mode.parse(byzantine);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("replica: --byzantine: " + e.getMessage());
    }
  }
}
