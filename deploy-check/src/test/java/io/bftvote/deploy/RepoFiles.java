package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files at the repository root, read as a tool would read them. YAML goes through
 * SnakeYAML because docker-compose.yml uses anchors and merge keys ({@code <<: *kafka}), which the
 * streaming YAML parsers leave unresolved; the result is a Jackson tree for easy navigation.
 */
final class RepoFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private RepoFiles() {
  }

  /** Where surefire says the repository is (see this module's pom), or the parent of the working directory. */
  static Path root() {
    String configured = System.getProperty("bftvote.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative + " at the repository root " + root(), e);
    }
  }

  /** One YAML document. */
  static JsonNode yaml(String relative) {
    List<JsonNode> documents = yamlDocuments(path(relative));
    if (documents.size() != 1) {
      throw new IllegalStateException(relative + " holds " + documents.size() + " YAML documents, expected one");
    }
    return documents.get(0);
  }

  /** Every non-empty document of a (multi-document) YAML file. */
  static List<JsonNode> yamlDocuments(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<JsonNode> parse(String yamlText) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<JsonNode> documents = new ArrayList<>();
    for (Object document : yaml.loadAll(yamlText)) {
      if (Objects.nonNull(document)) {
        documents.add(JSON.valueToTree(document));
      }
    }
    return documents;
  }
}
