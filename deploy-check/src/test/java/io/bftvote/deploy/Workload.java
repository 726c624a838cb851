package io.bftvote.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What StatefulSets, Deployments and Jobs have in common: pods made from a template. */
record Workload(HasMetadata resource, Map<String, String> selector, PodTemplateSpec template,
    List<PersistentVolumeClaim> claims) {

  static Optional<Workload> of(HasMetadata resource) {
    if (resource instanceof StatefulSet s) {
      return Optional.of(new Workload(s, s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate(),
          s.getSpec().getVolumeClaimTemplates()));
    }
    if (resource instanceof Deployment d) {
      return Optional.of(new Workload(d, d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(),
          List.of()));
    }
    if (resource instanceof Job j) {
      return Optional.of(new Workload(j, j.getSpec().getTemplate().getMetadata().getLabels(), j.getSpec().getTemplate(),
          List.of()));
    }
    return Optional.empty();
  }

  String name() {
    return resource.getKind() + " " + resource.getMetadata().getName();
  }

  PodSpec pod() {
    return template.getSpec();
  }

  Map<String, String> podLabels() {
    return template.getMetadata().getLabels();
  }

  /** Init containers first, then the containers. */
  List<Container> allContainers() {
    List<Container> all = new ArrayList<>(pod().getInitContainers());
    all.addAll(pod().getContainers());
    return all;
  }

  Container container(String name) {
    return allContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name() + " has no container " + name));
  }

  /** A container's plain environment value (not valueFrom), or null. */
  static String env(Container container, String variable) {
    return container.getEnv().stream().filter(e -> e.getName().equals(variable)).map(e -> e.getValue())
        .findFirst().orElse(null);
  }

  /** Whether the labels a selector asks for are all on the pod. */
  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
  }
}
