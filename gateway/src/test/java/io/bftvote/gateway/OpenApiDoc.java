package io.bftvote.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gateway's OpenAPI document, read with Jackson's YAML parser, and a small checker for the
 * parts of JSON Schema it uses: $ref, type, required, properties, additionalProperties, items
 * and enum. Enough to hold real responses against what the document promises.
 */
final class OpenApiDoc {
  /** One documented answer: METHOD path status, with its media type and schema (null if none). */
  record Documented(String method, String path, int status, String mediaType, JsonNode schema, List<String> headers) {
    String key() {
      return method + " " + path + " " + status;
    }
  }

  private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");
  private final JsonNode root;

  OpenApiDoc(String yaml) {
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document is not valid YAML", e);
    }
  }

  JsonNode root() {
    return root;
  }

  List<Documented> responses() {
    List<Documented> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : entries(root.path("paths"))) {
      for (Map.Entry<String, JsonNode> op : entries(path.getValue())) {
        if (!METHODS.contains(op.getKey())) continue;
        for (Map.Entry<String, JsonNode> response : entries(op.getValue().path("responses"))) {
          Map.Entry<String, JsonNode> content = entries(response.getValue().path("content")).stream().findFirst().orElse(null);
          all.add(new Documented(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
              Integer.parseInt(response.getKey()), content == null ? null : content.getKey(),
              content == null ? null : content.getValue().get("schema"),
              entries(response.getValue().path("headers")).stream().map(Map.Entry::getKey).toList()));
        }
      }
    }
    return all;
  }

  /** "METHOD path" for every operation the document describes. */
  List<String> operations() {
    return responses().stream().map(d -> d.method() + " " + d.path()).distinct().toList();
  }

  /** The schema of each event of a server-sent-event response ({@code x-sse-events}). */
  JsonNode eventSchema(String path, String event) {
    JsonNode schema = root.path("paths").path(path).path("get").path("responses").path("200").path("content")
        .path("text/event-stream").path("x-sse-events").path(event);
    if (schema.isMissingNode()) throw new AssertionError("the document names no '" + event + "' event on " + path);
    return schema;
  }

  /** Every way {@code value} breaks {@code schema}; empty if it conforms. */
  List<String> problems(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    schema = resolve(schema);
    String type = schema.path("type").asText(null);
    if (type != null && !hasType(value, type)) {
      problems.add(at + " should be " + type + " but is " + value.getNodeType());
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(at + " is " + value + ", not one of " + schema.get("enum"));
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) problems.add(at + " lacks required property " + required.asText());
    }
    for (Map.Entry<String, JsonNode> property : entries(schema.path("properties"))) {
      if (value.has(property.getKey())) check(property.getValue(), value.get(property.getKey()), at + "." + property.getKey(), problems);
    }
    JsonNode additional = schema.path("additionalProperties");
    if (additional.isObject()) {
      for (Map.Entry<String, JsonNode> field : entries(value)) {
        if (!schema.path("properties").has(field.getKey())) check(additional, field.getValue(), at + "." + field.getKey(), problems);
      }
    }
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
    }
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#/")) throw new AssertionError("only local $refs are expected, got " + ref);
      schema = root.at(ref.substring(1));
      if (schema.isMissingNode()) throw new AssertionError("dangling $ref " + ref);
    }
    return schema;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new AssertionError("unexpected schema type " + type);
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) if (v.equals(value)) return true;
    return false;
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
    List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) list.add(it.next());
    return list;
  }
}
