package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.replica.ReplicaConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Commands, variables, ports, topics and sizes in k8s/ are the code's own, so they cannot drift. */
class KubernetesMatchesCodeTest {
  private static final String BOOTSTRAP_SERVICE = "bftvote-kafka-bootstrap";

  private final CliModel cli = new CliModel();
  private final KubeValidator validator = new KubeValidator();
  private final Kustomization base = Kustomization.at("k8s/base");

  @Test
  void bftvoteContainersRunCliCommandsAndSetOnlyVariablesThoseCommandsRead() {
    List<String> problems = new ArrayList<>();
    for (Workload w : workloads(base)) {
      for (Container c : w.allContainers()) {
        if (!c.getImage().startsWith("bftvote:") || !c.getCommand().isEmpty()) {
          continue; // Kafka's image, or a shell step such as copying the replica's key
        }
        String command = c.getArgs().get(0);
        if (!cli.hasCommand(command)) {
          problems.add(w.name() + " runs '" + command + "', which the CLI does not have");
          continue;
        }
        c.getArgs().stream().filter(a -> a.startsWith("--")).filter(flag -> cli.argument(command, flag).isEmpty())
            .forEach(flag -> problems.add(w.name() + ": " + command + " has no option " + flag));
        for (EnvVar variable : c.getEnv()) {
          if (!cli.environment(command).containsKey(variable.getName())) {
            problems.add(w.name() + " sets " + variable.getName() + ", which '" + command + "' does not read");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void componentsListenOnTheCodesPortsAndReachEachOtherThroughTheirServices() {
    Container gateway = workload(base, "Deployment", "bftvote-gateway").container("gateway");
    Container tally = workload(base, "StatefulSet", "bftvote-tally").container("tally");
    Container replica = workload(base, "StatefulSet", "bftvote-replica").container("replica");

    assertEquals(defaultPort("gateway", "--port"), gateway.getPorts().get(0).getContainerPort());
    assertEquals(defaultPort("tally", "--port"), tally.getPorts().get(0).getContainerPort());
    // Every pod has its own address, so all replicas use replica 0's admin port.
    assertEquals(String.valueOf(ReplicaConfig.ADMIN_PORT_BASE), Workload.env(replica, "BFTVOTE_ADMIN_PORT"));
    assertEquals(ReplicaConfig.ADMIN_PORT_BASE, replica.getPorts().get(0).getContainerPort());

    assertEquals("http://" + service("bftvote-tally", defaultPort("tally", "--port")),
        Workload.env(gateway, "BFTVOTE_TALLY_URL"));
    for (Workload w : workloads(base)) {
      w.pod().getContainers().forEach(c -> assertEquals(BOOTSTRAP_SERVICE + ":9092",
          Workload.env(c, "BFTVOTE_BOOTSTRAP_SERVERS"), w.name() + " finds Kafka at its bootstrap Service"));
    }
  }

  @Test
  void bothKafkaVariantsOfferTheBootstrapServiceTheComponentsUse() {
    Service plain = validator.read(Kustomization.find(Kustomization.at("k8s/kafka/plain").resources(), "Service",
        BOOTSTRAP_SERVICE), Service.class);
    assertEquals(9092, plain.getSpec().getPorts().get(0).getPort());

    // Strimzi names the bootstrap Service of cluster C "C-kafka-bootstrap"; its listener sets the port.
    JsonNode kafka = strimzi("Kafka").get(0);
    assertEquals(BOOTSTRAP_SERVICE, kafka.path("metadata").path("name").asText() + "-kafka-bootstrap");
    assertTrue(kafka.path("spec").path("kafka").path("listeners").findValues("port").stream()
        .anyMatch(p -> p.asInt() == 9092), "a Strimzi listener on 9092");
    strimzi("KafkaNodePool").forEach(pool -> assertEquals(kafka.path("metadata").path("name").asText(),
        pool.path("metadata").path("labels").path(StrimziResources.CLUSTER_LABEL).asText()));
  }

  @Test
  void bothKafkaVariantsCreateExactlyTheCodesTopics() {
    Map<String, TopicSpec> strimzi = strimzi("KafkaTopic").stream().map(StrimziResources::topic)
        .collect(Collectors.toMap(TopicSpec::name, t -> t, (a, b) -> a, TreeMap::new));
    assertEquals(List.of(), TopicSpec.differences(TopicSpec.expected(), strimzi), "Strimzi KafkaTopics");

    Job job = validator.read(Kustomization.find(Kustomization.at("k8s/kafka/plain").resources(), "Job",
        "bftvote-topics"), Job.class);
    String script = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(0);
    assertEquals(List.of(), TopicSpec.differences(TopicSpec.expected(), TopicSpec.fromScript(script)), "topics Job");
  }

  @Test
  void kafkaIsTheVersionOfTheKafkaClientsWeBuildWith() {
    String version = AppInfoParser.getVersion();
    assertEquals(version, strimzi("Kafka").get(0).path("spec").path("kafka").path("version").asText());
    Kustomization plain = Kustomization.at("k8s/kafka/plain");
    for (Workload w : workloads(plain)) {
      w.allContainers().forEach(c -> assertEquals("apache/kafka:" + version, c.getImage(), w.name()));
    }
  }

  @ParameterizedTest(name = "overlay n{0}")
  @CsvSource({"4", "7"})
  void anOverlayRunsNReplicasToleratesFDownWatchesAllNAndLoadsNKeys(int n) {
    Kustomization overlay = Kustomization.at("k8s/overlays/n" + n);
    int f = (n - 1) / 3;

    StatefulSet replicas = validator.read(overlay.effective("StatefulSet", "bftvote-replica"), StatefulSet.class);
    assertEquals(n, replicas.getSpec().getReplicas());
    PodDisruptionBudget budget = validator.read(overlay.effective("PodDisruptionBudget", "bftvote-replica"),
        PodDisruptionBudget.class);
    assertEquals(f, budget.getSpec().getMaxUnavailable().getIntVal());

    Deployment gateway = validator.read(overlay.effective("Deployment", "bftvote-gateway"), Deployment.class);
    String admins = Workload.env(gateway.getSpec().getTemplate().getSpec().getContainers().get(0),
        "BFTVOTE_REPLICA_ADMIN_URLS");
    String service = replicas.getSpec().getServiceName();
    assertEquals(IntStream.range(0, n).mapToObj(i -> "http://" + service + "-" + i + "." + service + ":"
        + ReplicaConfig.ADMIN_PORT_BASE).collect(Collectors.joining(",")), admins, "in id order: pod i is replica i");

    assertEquals(IntStream.range(0, n).mapToObj(i -> "genesis/keys/replica-" + i + ".key").toList(),
        overlay.generatorFiles("secretGenerator", "bftvote-replica-keys"));
    assertEquals(List.of("genesis/cluster.json", "genesis/elections.json"),
        overlay.generatorFiles("configMapGenerator", "bftvote-genesis"));
  }

  private int defaultPort(String command, String option) {
    return Integer.parseInt(CliModel.fallback(cli.argument(command, option).orElseThrow()));
  }

  /** "name:port" of a Service of the base that really listens there. */
  private String service(String name, int port) {
    Service service = validator.read(Kustomization.find(base.resources(), "Service", name), Service.class);
    assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), name + " on " + port);
    return name + ":" + port;
  }

  private List<Workload> workloads(Kustomization k) {
    return k.resources().stream().map(validator::read).flatMap(o -> Workload.of(o).stream()).toList();
  }

  private Workload workload(Kustomization k, String kind, String name) {
    return Workload.of(validator.read(Kustomization.find(k.resources(), kind, name))).orElseThrow();
  }

  private static List<JsonNode> strimzi(String kind) {
    return Kustomization.at("k8s/kafka/strimzi").resources().stream()
        .filter(d -> d.path("kind").asText().equals(kind)).toList();
  }
}
