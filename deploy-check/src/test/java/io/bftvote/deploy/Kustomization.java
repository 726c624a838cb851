package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kustomization.yaml read the way kustomize reads it, as far as these tests need: its resources
 * (files, or directories holding another kustomization), its patch files, its generators' files.
 */
record Kustomization(Path dir, JsonNode spec) {
  static final String FILE = "kustomization.yaml";

  static Kustomization at(String relativeDir) {
    return at(RepoFiles.path(relativeDir));
  }

  static Kustomization at(Path dir) {
    return new Kustomization(dir, RepoFiles.yamlDocuments(dir.resolve(FILE)).get(0));
  }

  String name() {
    return RepoFiles.root().relativize(dir).toString();
  }

  /** The documents of its resources, those of the kustomizations it builds on included. */
  List<JsonNode> resources() {
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode entry : spec.path("resources")) {
      Path resource = dir.resolve(entry.asText()).normalize();
      if (Files.isDirectory(resource)) {
        documents.addAll(at(resource).resources());
      } else {
        documents.addAll(RepoFiles.yamlDocuments(resource));
      }
    }
    return documents;
  }

  /** The documents of its own patch files (partial objects, merged by kind and name). */
  List<JsonNode> patches() {
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode patch : spec.path("patches")) {
      documents.addAll(RepoFiles.yamlDocuments(dir.resolve(patch.path("path").asText())));
    }
    return documents;
  }

  /** Its own resources and patches: every document this directory's files hold. */
  List<JsonNode> ownDocuments() {
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode entry : spec.path("resources")) {
      Path resource = dir.resolve(entry.asText()).normalize();
      if (!Files.isDirectory(resource)) {
        documents.addAll(RepoFiles.yamlDocuments(resource));
      }
    }
    documents.addAll(patches());
    return documents;
  }

  /** The files a configMapGenerator or secretGenerator of that name reads, relative to this directory. */
  List<String> generatorFiles(String generator, String name) {
    for (JsonNode entry : spec.path(generator)) {
      if (entry.path("name").asText().equals(name)) {
        List<String> files = new ArrayList<>();
        entry.path("files").forEach(f -> files.add(f.asText()));
        return files;
      }
    }
    return List.of();
  }

  /** The resource of that kind and name, with this kustomization's patch for it merged over it. */
  JsonNode effective(String kind, String name) {
    JsonNode base = find(resources(), kind, name);
    JsonNode patch = find(patches(), kind, name);
    return patch == null ? base : Merge.strategic(base, patch);
  }

  static JsonNode find(List<JsonNode> documents, String kind, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
        .findFirst().orElse(null);
  }
}
