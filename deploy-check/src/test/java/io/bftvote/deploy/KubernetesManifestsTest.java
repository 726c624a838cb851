package io.bftvote.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests under k8s/ are objects the Kubernetes API accepts, and they are wired to each other. */
class KubernetesManifestsTest {
  static final List<String> KUSTOMIZATIONS = List.of("k8s/base", "k8s/overlays/n4", "k8s/overlays/n7",
      "k8s/kafka/strimzi", "k8s/kafka/plain");
  /** What gets deployed together: the components, with either Kafka. */
  private static final List<String> DEPLOYED_TOGETHER = List.of("k8s/base", "k8s/kafka/plain");

  private final KubeValidator validator = new KubeValidator();

  @Test
  void everyManifestIsAnObjectTheApiAccepts() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String dir : KUSTOMIZATIONS) {
      for (JsonNode document : Kustomization.at(dir).ownDocuments()) {
        checked++;
        if (StrimziResources.isStrimzi(document)) {
          problems.addAll(StrimziResources.problems(document));
        } else {
          validator.problems(document).forEach(p -> problems.add(dir + ": " + KubeValidator.describe(document) + ": " + p));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(checked >= 20, "only " + checked + " documents found under k8s/");
  }

  @Test
  void theValidatorRefusesAMisspelledFieldAndANumberWhereAStringBelongs() {
    JsonNode misspelled = RepoFiles.parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - name: x
                  image: x
                  imagePullPolcy: Always
                  env: [{name: PORT, value: 8080}]
        """).get(0);

    List<String> problems = validator.problems(misspelled);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("Cannot coerce Integer value (8080)"), problems.get(0)); // reading stops there
    String numberFixed = misspelled.toString().replace("\"value\":8080", "\"value\":\"8080\"");
    List<String> remaining = validator.problems(RepoFiles.parse(numberFixed).get(0));
    assertEquals(List.of("unknown field .spec.template.spec.containers[0].imagePullPolcy"), remaining);
  }

  @Test
  void everyYamlFileUnderK8sIsPartOfAKustomization() throws IOException {
    Set<Path> referenced = new HashSet<>();
    for (String dir : KUSTOMIZATIONS) {
      Kustomization k = Kustomization.at(dir);
      referenced.add(k.dir().resolve(Kustomization.FILE));
      k.spec().path("resources").forEach(r -> referenced.add(k.dir().resolve(r.asText()).normalize()));
      k.spec().path("patches").forEach(p -> referenced.add(k.dir().resolve(p.path("path").asText()).normalize()));
    }
    try (Stream<Path> files = Files.walk(RepoFiles.path("k8s"))) {
      List<String> orphans = files.filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> !f.toString().contains("/genesis/"))
          .filter(f -> !referenced.contains(f.normalize()))
          .map(f -> RepoFiles.root().relativize(f).toString()).toList();
      assertEquals(List.of(), orphans, "YAML files no kustomization applies");
    }
  }

  @Test
  void workloadsSelectTheirOwnPodsAndEveryServiceAndBudgetSelectsAWorkload() {
    List<HasMetadata> objects = deployedTogether();
    List<Workload> workloads = objects.stream().flatMap(o -> Workload.of(o).stream()).toList();
    assertFalse(workloads.isEmpty());
    for (Workload w : workloads) {
      assertTrue(Workload.selects(w.selector(), w.podLabels()), w.name() + " does not select its own pods");
    }
    for (HasMetadata o : objects) {
      if (o instanceof Service service) {
        Workload target = selected(workloads, service.getSpec().getSelector(), "Service " + service.getMetadata().getName());
        for (var port : service.getSpec().getPorts()) {
          assertTrue(declaresPort(target, port.getTargetPort()),
              "Service " + service.getMetadata().getName() + " targets port " + port.getTargetPort() + " that "
                  + target.name() + " does not declare");
        }
      } else if (o instanceof PodDisruptionBudget pdb) {
        selected(workloads, pdb.getSpec().getSelector().getMatchLabels(), "PodDisruptionBudget " + pdb.getMetadata().getName());
      } else if (o instanceof StatefulSet set) {
        Service governing = (Service) objects.stream().filter(s -> s instanceof Service
            && s.getMetadata().getName().equals(set.getSpec().getServiceName())).findFirst()
            .orElseThrow(() -> new AssertionError(set.getMetadata().getName() + "'s serviceName names no Service"));
        assertEquals("None", governing.getSpec().getClusterIP(), "a StatefulSet's governing Service is headless");
      }
    }
  }

  @Test
  void containersMountDeclaredVolumesAndProbeDeclaredPorts() {
    for (Workload w : deployedTogether().stream().flatMap(o -> Workload.of(o).stream()).toList()) {
      Set<String> volumes = new HashSet<>();
      w.pod().getVolumes().stream().map(Volume::getName).forEach(volumes::add);
      w.claims().forEach(c -> volumes.add(c.getMetadata().getName()));
      for (Container c : w.allContainers()) {
        c.getVolumeMounts().forEach(m -> assertTrue(volumes.contains(m.getName()),
            w.name() + "/" + c.getName() + " mounts an undeclared volume " + m.getName()));
        for (Probe probe : Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
            .filter(p -> p != null).toList()) {
          IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort() : probe.getTcpSocket().getPort();
          assertTrue(declaresPort(c, port), w.name() + "/" + c.getName() + " probes undeclared port " + port);
        }
      }
    }
  }

  @Test
  void everyPodTurnsServiceLinksOffBecauseTheyWouldSetOurOwnVariables() {
    // A Service named bftvote-tally makes Kubernetes set BFTVOTE_TALLY_PORT=tcp://10.0.0.1:8090 in
    // every pod, which the tally reads as its --port: it would not start.
    for (Workload w : deployedTogether().stream().flatMap(o -> Workload.of(o).stream()).toList()) {
      assertEquals(Boolean.FALSE, w.pod().getEnableServiceLinks(), w.name());
    }
  }

  /** The components with the plain Kafka, typed: what one kubectl apply would create. */
  private List<HasMetadata> deployedTogether() {
    List<HasMetadata> objects = new ArrayList<>();
    for (String dir : DEPLOYED_TOGETHER) {
      Kustomization.at(dir).resources().forEach(d -> objects.add(validator.read(d)));
    }
    return objects;
  }

  private static Workload selected(List<Workload> workloads, java.util.Map<String, String> selector, String who) {
    return workloads.stream().filter(w -> Workload.selects(selector, w.podLabels())).findFirst()
        .orElseThrow(() -> new AssertionError(who + " selects no pods: " + selector));
  }

  private static boolean declaresPort(Workload workload, IntOrString port) {
    return workload.pod().getContainers().stream().anyMatch(c -> declaresPort(c, port));
  }

  private static boolean declaresPort(Container container, IntOrString port) {
    for (ContainerPort declared : container.getPorts()) {
      if (port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
          : port.getIntVal().equals(declared.getContainerPort())) {
        return true;
      }
    }
    return false;
  }
}
