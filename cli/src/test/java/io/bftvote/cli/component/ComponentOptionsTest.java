package io.bftvote.cli.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.CliException;
import io.bftvote.replica.ReplicaConfig;
import io.bftvote.replica.byzantine.Mode;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.tally.TallyConfig;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ComponentOptionsTest {
  @TempDir
  Path dir;

  @Test
  void replicaBatchDefaultsAreThoseOfThePbftCore() {
    ReplicaCommand replica = new ReplicaCommand();
    new CommandLine(replica).parseArgs("--id", "0");
    assertEquals(PbftConfig.DEFAULT_MAX_BATCH, replica.maxBatch);
    assertEquals(PbftConfig.DEFAULT_BATCH_DELAY_MILLIS, replica.batchDelayMillis);
    assertEquals(PbftConfig.DEFAULT_WINDOW, replica.window);
  }

  @Test
  void replicaFlagsAndKafkaConfigFileEndUpInItsConfig() throws Exception {
    writeGenesis();
    Path key = dir.resolve("r2.key");
    KeyFile.save(Ed25519.KeyPair.generate(), key);
    Path kafkaConfig = dir.resolve("kafka.properties");
    Files.writeString(kafkaConfig, "security.protocol=SSL\nrequest.timeout.ms=5000\n");
    ReplicaCommand replica = new ReplicaCommand();
    new CommandLine(replica).parseArgs("--id", "2", "--bootstrap-servers", "k1:9092,k2:9092", "--topic-prefix", "t.",
        "--key-file", key.toString(), "--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--max-batch", "50",
        "--kafka-config", kafkaConfig.toString());

    ReplicaConfig config = replica.config();

    assertEquals(2, config.id());
    assertEquals("k1:9092,k2:9092", config.bootstrapServers());
    assertEquals("t.", config.topicPrefix());
    assertEquals(Path.of("devnet-data", "replica-2"), config.dataDir());
    assertEquals(8102, config.adminPort(), "replica i's admin port defaults to 8100+i");
    assertEquals(50, config.maxBatch());
    assertEquals(Map.of("security.protocol", "SSL", "request.timeout.ms", "5000"), config.kafkaOverrides());
  }

  @Test
  void replicaIsHonestUnlessToldToLieAndRefusesAnUnknownWayOfLying() {
    writeGenesis();
    Path key = dir.resolve("r3.key");
    KeyFile.save(Ed25519.KeyPair.generate(), key);
    String[] common = {"--id", "3", "--key-file", key.toString(), "--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString()};

    assertEquals(null, replica(common).config().byzantine());
    assertEquals(Mode.EQUIVOCATE, replica(common, "--byzantine", "equivocate").config().byzantine());
    CliException e = assertThrows(CliException.class, () -> replica(common, "--byzantine", "lazy").config());
    assertTrue(e.getMessage().contains("unknown Byzantine mode 'lazy'; the modes are silent, equivocate"),
        e.getMessage());
  }

  private static ReplicaCommand replica(String[] common, String... more) {
    ReplicaCommand replica = new ReplicaCommand();
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    new CommandLine(replica).parseArgs(args);
    return replica;
  }

  @Test
  void aMissingClusterFileIsReportedWithAHint() {
    ReplicaCommand replica = new ReplicaCommand();
    Path key = dir.resolve("r0.key");
    KeyFile.save(Ed25519.KeyPair.generate(), key);
    new CommandLine(replica).parseArgs("--id", "0", "--key-file", key.toString(),
        "--cluster-file", dir.resolve("nope.json").toString());

    CliException e = assertThrows(CliException.class, replica::config);

    assertTrue(e.getMessage().contains("no cluster file at") && e.getMessage().contains("./bftvote devnet"),
        e.getMessage());
  }

  @Test
  void tallyAppGetsAOneNodeReplicationFactorOnlyWhenAskedAndTheOperatorsFileWins() throws Exception {
    writeGenesis();
    Path kafkaConfig = dir.resolve("streams.properties");
    Files.writeString(kafkaConfig, "replication.factor=3\n");
    TallyCommand tally = new TallyCommand();
    new CommandLine(tally).parseArgs("--replication-factor", "1", "--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString());
    assertEquals(Map.of("replication.factor", "1"), tally.config().kafkaOverrides());

    TallyCommand withFile = new TallyCommand();
    new CommandLine(withFile).parseArgs("--replication-factor", "1", "--kafka-config", kafkaConfig.toString(),
        "--cluster-file", dir.resolve("cluster.json").toString(), "--elections-file", dir.resolve("elections.json").toString());
    TallyConfig config = withFile.config();
    assertEquals("3", config.kafkaOverrides().get("replication.factor"));
    assertEquals(8090, config.port());
  }

  @Test
  void gatewayDefaultsToOneAdminUrlPerReplicaOfTheCluster() throws Exception {
    writeGenesis();
    GatewayCommand gateway = new GatewayCommand();
    new CommandLine(gateway).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString());

    assertEquals(List.of("http://localhost:8100", "http://localhost:8101", "http://localhost:8102",
        "http://localhost:8103"), gateway.config().replicaAdminUrls());
    assertEquals(8080, gateway.config().port());
    assertEquals(io.bftvote.gateway.VerifyPool.DEFAULT, gateway.config().verifyPool());
    assertEquals(io.bftvote.gateway.AdmissionLimit.DEFAULT, gateway.config().admission());
  }

  @Test
  void gatewayAdmissionLimitIsSetByItsFlagsAndRefusesANegativeTarget() {
    writeGenesis();
    GatewayCommand gateway = new GatewayCommand();
    new CommandLine(gateway).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--admit-seconds", "2", "--admit-floor", "500");
    assertEquals(new io.bftvote.gateway.AdmissionLimit(2, 500), gateway.config().admission());

    GatewayCommand negative = new GatewayCommand();
    new CommandLine(negative).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--admit-seconds", "-1");
    CliException refused = assertThrows(CliException.class, negative::config);
    assertTrue(refused.getMessage().contains("--admit-seconds"), refused.getMessage());
  }

  @Test
  void gatewayVerifyPoolIsSizedByItsFlagsAndRefusesAnEmptyQueue() {
    writeGenesis();
    GatewayCommand gateway = new GatewayCommand();
    new CommandLine(gateway).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--verify-threads", "3", "--verify-queue", "64");
    assertEquals(new io.bftvote.gateway.VerifyPool(3, 64), gateway.config().verifyPool());

    GatewayCommand empty = new GatewayCommand();
    new CommandLine(empty).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--verify-queue", "0");
    CliException refused = assertThrows(CliException.class, empty::config);
    assertTrue(refused.getMessage().contains("--verify-queue"), refused.getMessage());

    GatewayCommand negative = new GatewayCommand();
    new CommandLine(negative).parseArgs("--cluster-file", dir.resolve("cluster.json").toString(),
        "--elections-file", dir.resolve("elections.json").toString(), "--verify-threads", "-1");
    assertEquals("--verify-threads must be at least 1, got -1", assertThrows(CliException.class, negative::config)
        .getMessage(), "the flag, named once: its own name contains the field's");
  }

  private void writeGenesis() {
    new Cluster(IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate().publicKey()).toList())
        .save(dir.resolve("cluster.json"));
    Elections.demo().save(dir.resolve("elections.json"));
  }
}
