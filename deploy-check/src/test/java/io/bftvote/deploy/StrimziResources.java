package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Structural checks of the Strimzi resources (kafka.strimzi.io/v1) we ship: the fields the
 * operator requires, and none that v1 removed. Their full schemas live in Strimzi's CRDs, which
 * are not on this classpath.
 */
final class StrimziResources {
  static final String API_VERSION = "kafka.strimzi.io/v1";
  static final String CLUSTER_LABEL = "strimzi.io/cluster";
  private static final Set<String> ROLES = Set.of("broker", "controller");
  private static final Set<String> LISTENER_TYPES = Set.of("internal", "route", "loadbalancer", "nodeport", "ingress",
      "cluster-ip");

  private StrimziResources() {
  }

  static boolean isStrimzi(JsonNode document) {
    return document.path("apiVersion").asText().startsWith("kafka.strimzi.io/");
  }

  /** Every problem with one Strimzi document; none when it has what the operator requires. */
  static List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    String where = KubeValidator.describe(document) + ": ";
    if (!document.path("apiVersion").asText().equals(API_VERSION)) {
      problems.add(where + "apiVersion must be " + API_VERSION + ", got " + document.path("apiVersion").asText());
    }
    require(document, "metadata.name", where, problems);
    JsonNode spec = document.path("spec");
    switch (document.path("kind").asText()) {
      case "Kafka" -> kafka(spec, where, problems);
      case "KafkaNodePool" -> nodePool(document, spec, where, problems);
      case "KafkaTopic" -> topic(document, spec, where, problems);
      default -> problems.add(where + "not a Strimzi kind bftvote ships");
    }
    return problems;
  }

  /** A KafkaTopic as the topic it declares. */
  static TopicSpec topic(JsonNode document) {
    JsonNode spec = document.path("spec");
    String name = spec.path("topicName").asText(document.path("metadata").path("name").asText());
    Map<String, String> configs = new TreeMap<>();
    spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
    return new TopicSpec(name, spec.path("partitions").asInt(-1), spec.path("replicas").asInt(-1), configs);
  }

  private static void kafka(JsonNode spec, String where, List<String> problems) {
    require(spec, "kafka.version", where, problems);
    JsonNode listeners = spec.path("kafka").path("listeners");
    if (!listeners.isArray() || listeners.isEmpty()) {
      problems.add(where + "spec.kafka.listeners must list at least one listener");
    }
    for (JsonNode listener : listeners) {
      for (String field : List.of("name", "port", "type", "tls")) {
        require(listener, field, where + "listener ", problems);
      }
      if (!LISTENER_TYPES.contains(listener.path("type").asText())) {
        problems.add(where + "listener type " + listener.path("type").asText() + " is not one of " + LISTENER_TYPES);
      }
    }
    // v1 has no ZooKeeper and keeps replicas and storage in node pools only.
    for (String removed : List.of("zookeeper", "kafka.replicas", "kafka.storage")) {
      if (!at(spec, removed).isMissingNode()) {
        problems.add(where + "spec." + removed + " does not exist in " + API_VERSION + " (node pools hold it)");
      }
    }
  }

  private static void nodePool(JsonNode document, JsonNode spec, String where, List<String> problems) {
    require(document, "metadata.labels." + CLUSTER_LABEL, where, problems);
    require(spec, "replicas", where, problems);
    require(spec, "storage.type", where, problems);
    JsonNode roles = spec.path("roles");
    if (!roles.isArray() || roles.isEmpty()) {
      problems.add(where + "spec.roles must name broker and/or controller");
    }
    roles.forEach(role -> {
      if (!ROLES.contains(role.asText())) {
        problems.add(where + "unknown role " + role.asText());
      }
    });
  }

  private static void topic(JsonNode document, JsonNode spec, String where, List<String> problems) {
    require(document, "metadata.labels." + CLUSTER_LABEL, where, problems);
    for (String field : List.of("partitions", "replicas")) {
      if (!spec.path(field).isInt()) {
        problems.add(where + "spec." + field + " must be an integer");
      }
    }
  }

  private static void require(JsonNode node, String dottedPath, String where, List<String> problems) {
    JsonNode value = at(node, dottedPath);
    if (value.isMissingNode() || value.isNull()) {
      problems.add(where + dottedPath + " is required");
    }
  }

  /** Follows a dotted path; label keys contain dots and slashes, so "metadata.labels.strimzi.io/cluster" works. */
  private static JsonNode at(JsonNode node, String dottedPath) {
    if (dottedPath.startsWith("metadata.labels.")) {
      return node.path("metadata").path("labels").path(dottedPath.substring("metadata.labels.".length()));
    }
    JsonNode current = node;
    for (String part : dottedPath.split("\\.")) {
      current = current.path(part);
    }
    return current;
  }
}
