package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compose file with its anchors and merge keys resolved, read the way compose reads it. */
record ComposeFile(String name, JsonNode root) {
  static ComposeFile load(String relative) {
    return new ComposeFile(relative, RepoFiles.yaml(relative));
  }

  Map<String, JsonNode> services() {
    Map<String, JsonNode> services = new LinkedHashMap<>();
    root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    return services;
  }

  JsonNode service(String name) {
    JsonNode service = root.path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError(this.name + " has no service " + name);
    }
    return service;
  }

  /** Services that run the bftvote image. */
  Map<String, JsonNode> bftvoteServices() {
    Map<String, JsonNode> bftvote = new LinkedHashMap<>();
    services().forEach((n, s) -> {
      if (s.path("image").asText().startsWith("bftvote:")) {
        bftvote.put(n, s);
      }
    });
    return bftvote;
  }

  /** Replica services by id, from their BFTVOTE_REPLICA_ID. */
  Map<Integer, String> replicaServices() {
    Map<Integer, String> replicas = new java.util.TreeMap<>();
    bftvoteServices().forEach((n, s) -> {
      String id = environment(s).get("BFTVOTE_REPLICA_ID");
      if (id != null && replicas.put(Integer.parseInt(id), n) != null) {
        throw new AssertionError("two services are replica " + id);
      }
    });
    return replicas;
  }

  /** The environment, whether written as a map or as a list of NAME=value. */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode env = service.path("environment");
    if (env.isArray()) {
      env.forEach(e -> {
        String[] pair = e.asText().split("=", 2);
        environment.put(pair[0], pair.length > 1 ? pair[1] : "");
      });
    } else {
      env.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    }
    return environment;
  }

  /** The command as a list of words (compose splits a string command on spaces). */
  static List<String> command(JsonNode service) {
    JsonNode command = service.path("command");
    List<String> words = new ArrayList<>();
    if (command.isArray()) {
      command.forEach(w -> words.add(w.asText()));
    } else if (command.isTextual()) {
      words.addAll(List.of(command.asText().trim().split("\\s+")));
    }
    return words;
  }

  /** "source:target[:mode]" volume strings as target → source. */
  static Map<String, String> volumesByTarget(JsonNode service) {
    Map<String, String> volumes = new LinkedHashMap<>();
    service.path("volumes").forEach(v -> {
      String[] parts = v.asText().split(":");
      volumes.put(parts[1], parts[0]);
    });
    return volumes;
  }

  /** Compose writes a literal $ as $$. */
  static String unescape(String text) {
    return text.replace("$$", "$");
  }
}
