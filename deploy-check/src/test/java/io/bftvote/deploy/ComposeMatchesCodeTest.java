package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.devnet.ByzantineMode;
import io.bftvote.replica.ReplicaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and its Byzantine override ask the code only for what it has: topics,
 * commands, flags, variables, ports. (`docker-compose config -q` in .ci/run checks the syntax.)
 */
class ComposeMatchesCodeTest {
  private static final String GENESIS_KEY_PATH = "/replicas/{id}/replica.key";

  private final CliModel cli = new CliModel();
  private final ComposeFile compose = ComposeFile.load("docker-compose.yml");

  @Test
  void theTopicsServiceCreatesExactlyTheCodesTopics() {
    String script = ComposeFile.unescape(ComposeFile.command(compose.service("topics")).get(0));
    assertEquals(List.of(), TopicSpec.differences(TopicSpec.expected(), TopicSpec.fromScript(script)));
  }

  @Test
  void bftvoteServicesRunCliCommandsWithFlagsAndVariablesThoseCommandsRead() {
    List<String> problems = new ArrayList<>();
    compose.bftvoteServices().forEach((name, service) -> problems.addAll(cliProblems(name, service)));
    assertEquals(List.of(), problems);
    assertTrue(compose.bftvoteServices().size() >= 7, "genesis, 4 replicas, tally, gateway");
  }

  @Test
  void componentsListenOnTheCodesPortsAndFindEachOtherThere() {
    int gatewayPort = defaultPort("gateway", "--port");
    int tallyPort = defaultPort("tally", "--port");
    JsonNode gateway = compose.service("gateway");
    assertEquals(List.of(gatewayPort + ":" + gatewayPort), published(gateway));
    assertEquals("http://localhost:" + gatewayPort + "/health", env(gateway, "BFTVOTE_HEALTHCHECK_URL"));
    JsonNode tally = compose.service("tally");
    assertEquals(List.of("127.0.0.1:" + tallyPort + ":" + tallyPort), published(tally));
    assertEquals("http://localhost:" + tallyPort + "/health", env(tally, "BFTVOTE_HEALTHCHECK_URL"));
    assertEquals("http://tally:" + tallyPort, env(gateway, "BFTVOTE_TALLY_URL"));

    List<String> admins = new ArrayList<>();
    compose.replicaServices().forEach((id, name) -> {
      int admin = ReplicaConfig.ADMIN_PORT_BASE + id; // the replica's own default: no BFTVOTE_ADMIN_PORT set
      JsonNode replica = compose.service(name);
      assertEquals(null, ComposeFile.environment(replica).get("BFTVOTE_ADMIN_PORT"), name);
      assertEquals(List.of("127.0.0.1:" + admin + ":" + admin), published(replica), name);
      assertEquals("http://localhost:" + admin + "/status", env(replica, "BFTVOTE_HEALTHCHECK_URL"), name);
      admins.add("http://" + name + ":" + admin);
    });
    assertEquals(String.join(",", admins), env(gateway, "BFTVOTE_REPLICA_ADMIN_URLS"), "in id order");

    String brokers = kafkaServices().stream().map(k -> k + ":9092").collect(Collectors.joining(","));
    compose.bftvoteServices().forEach((name, service) -> {
      if (!name.equals("genesis")) {
        assertEquals(brokers, env(service, "BFTVOTE_BOOTSTRAP_SERVERS"), name);
      }
    });
  }

  @Test
  void genesisWritesOneKeyPerReplicaIntoThatReplicasOwnVolume() {
    List<String> genesis = ComposeFile.command(compose.service("genesis"));
    Map<Integer, String> replicas = compose.replicaServices();
    assertEquals(String.valueOf(replicas.size()), flag(genesis, "--replicas"));
    assertEquals(new TreeSet<>(java.util.stream.IntStream.range(0, replicas.size()).boxed().toList()), replicas.keySet());
    assertEquals(GENESIS_KEY_PATH, flag(genesis, "--key-path"));

    Map<String, String> genesisVolumes = ComposeFile.volumesByTarget(compose.service("genesis"));
    Set<String> seen = new TreeSet<>();
    replicas.forEach((id, name) -> {
      JsonNode replica = compose.service(name);
      String own = ComposeFile.volumesByTarget(replica).get("/data");
      assertTrue(seen.add(own), name + " shares its volume " + own);
      String keyDir = GENESIS_KEY_PATH.replace("{id}", String.valueOf(id)).replace("/replica.key", "");
      assertEquals(own, genesisVolumes.get(keyDir), "genesis writes replica " + id + "'s key into " + name + "'s volume");
      assertEquals("/data/replica.key", env(replica, "BFTVOTE_KEY_FILE"), name);
      assertTrue(replica.path("volumes").toString().contains(genesisVolumes.get(flag(genesis, "--out")) + ":/genesis:ro"),
          name + " reads the genesis files, read-only");
    });
  }

  @Test
  void everyVolumeMountsOnADirectoryTheImageCreatesForItsUser() {
    // Docker gives a fresh named volume the owner of the directory it is mounted on; a directory the
    // image lacks is created for root, and the non-root components could not write their volume.
    Set<String> mountPoints = Dockerfile.load().mountPoints();
    compose.bftvoteServices().forEach((name, service) -> ComposeFile.volumesByTarget(service).keySet()
        .forEach(target -> assertTrue(mountPoints.contains(target), name + " mounts a volume on " + target)));
  }

  @Test
  void kafkaIsThreeNodesOfTheClientsVersionReplicatingThreeTimes() {
    List<String> nodes = kafkaServices();
    assertEquals(3, nodes.size());
    Set<String> ids = new TreeSet<>();
    for (String node : nodes) {
      JsonNode service = compose.service(node);
      assertEquals("apache/kafka:" + AppInfoParser.getVersion(), service.path("image").asText());
      Map<String, String> env = ComposeFile.environment(service);
      ids.add(env.get("KAFKA_NODE_ID"));
      Uuid.fromString(env.get("CLUSTER_ID")); // throws unless a valid cluster id
      assertEquals("PLAINTEXT://" + node + ":9092", env.get("KAFKA_ADVERTISED_LISTENERS"));
      assertTrue(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").contains(env.get("KAFKA_NODE_ID") + "@" + node + ":9093"));
      assertEquals(String.valueOf(TopicSpec.REPLICATION_FACTOR), env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
      assertEquals(String.valueOf(TopicSpec.MIN_INSYNC_REPLICAS), env.get("KAFKA_MIN_INSYNC_REPLICAS"));
      assertEquals(String.valueOf(TopicSpec.REPLICATION_FACTOR), env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"));
      assertEquals(String.valueOf(TopicSpec.MIN_INSYNC_REPLICAS), env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"));
      assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
      assertTrue(service.has("healthcheck"), node + " has a health check for depends_on");
    }
    assertEquals(3, ids.size(), "distinct node ids");
  }

  @Test
  void componentsStartAfterSetupAndTheGatewayAfterAHealthyTally() {
    compose.bftvoteServices().forEach((name, service) -> {
      if (!name.equals("genesis")) {
        JsonNode after = service.path("depends_on");
        assertEquals("service_completed_successfully", after.path("genesis").path("condition").asText(), name);
        assertEquals("service_completed_successfully", after.path("topics").path("condition").asText(), name);
      }
    });
    assertEquals("service_healthy", compose.service("gateway").path("depends_on").path("tally").path("condition").asText());
    kafkaServices().forEach(k -> assertEquals("service_healthy",
        compose.service("topics").path("depends_on").path(k).path("condition").asText()));
  }

  @Test
  void theByzantineDemoMakesOneExistingReplicaMisbehaveInAModeDesignNames() {
    ComposeFile byzantine = ComposeFile.load("docker-compose.byzantine.yml");
    assertEquals(1, byzantine.services().size(), "one Byzantine replica: n = 4 tolerates f = 1");
    String name = byzantine.services().keySet().iterator().next();
    assertTrue(compose.replicaServices().containsValue(name), name + " is a replica of docker-compose.yml");
    List<String> command = ComposeFile.command(byzantine.service(name));
    ByzantineMode.parse("0:" + flag(command, "--byzantine")); // throws unless DESIGN.md names the mode

    assumeTrue(cli.argument("replica", "--byzantine").isPresent(),
        "'replica --byzantine MODE' (issue 4) is not in the CLI yet: the Byzantine demo cannot start until it is");
    JsonNode merged = Merge.strategic(compose.service(name), byzantine.service(name));
    assertEquals(List.of(), cliProblems(name, merged));
  }

  private List<String> cliProblems(String name, JsonNode service) {
    List<String> problems = new ArrayList<>();
    List<String> command = ComposeFile.command(service);
    String subcommand = command.get(0);
    if (!cli.hasCommand(subcommand)) {
      return List.of(name + " runs '" + subcommand + "', which the CLI does not have");
    }
    command.stream().filter(w -> w.startsWith("--")).filter(flag -> cli.argument(subcommand, flag).isEmpty())
        .forEach(flag -> problems.add(name + ": " + subcommand + " has no option " + flag));
    for (String variable : ComposeFile.environment(service).keySet()) {
      // The image's HEALTHCHECK runs 'healthcheck', which reads its URL from the environment.
      boolean read = cli.environment(subcommand).containsKey(variable)
          || cli.environment("healthcheck").containsKey(variable);
      if (!read) {
        problems.add(name + " sets " + variable + ", which '" + subcommand + "' does not read");
      }
    }
    return problems;
  }

  private List<String> kafkaServices() {
    return compose.services().entrySet().stream()
        .filter(e -> ComposeFile.environment(e.getValue()).containsKey("KAFKA_NODE_ID"))
        .map(Map.Entry::getKey).toList();
  }

  private int defaultPort(String command, String option) {
    return Integer.parseInt(CliModel.fallback(cli.argument(command, option).orElseThrow()));
  }

  private static String env(JsonNode service, String variable) {
    return ComposeFile.environment(service).get(variable);
  }

  private static List<String> published(JsonNode service) {
    List<String> ports = new ArrayList<>();
    service.path("ports").forEach(p -> ports.add(p.asText()));
    return ports;
  }

  private static String flag(List<String> command, String flag) {
    int at = command.indexOf(flag);
    assertTrue(at >= 0 && at + 1 < command.size(), command + " has no " + flag + " VALUE");
    return command.get(at + 1);
  }
}
