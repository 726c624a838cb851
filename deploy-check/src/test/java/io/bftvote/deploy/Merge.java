package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes' strategic merge, as far as our patches use it: objects merge field by field, lists
 * of named objects (containers, env) merge by name, other lists are replaced.
 */
final class Merge {
  private Merge() {
  }

  static JsonNode strategic(JsonNode base, JsonNode patch) {
    if (base == null || !base.isObject() || !patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode merged = (ObjectNode) base.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode current = merged.get(field.getKey());
      JsonNode value = field.getValue();
      if (current != null && current.isArray() && value.isArray() && isNamedList(value)) {
        merged.set(field.getKey(), mergeByName((ArrayNode) current, (ArrayNode) value));
      } else {
        merged.set(field.getKey(), strategic(current, value));
      }
    }
    return merged;
  }

  private static boolean isNamedList(JsonNode list) {
    return list.size() > 0 && list.get(0).has("name");
  }

  private static ArrayNode mergeByName(ArrayNode base, ArrayNode patch) {
    ArrayNode merged = base.deepCopy();
    for (JsonNode item : patch) {
      String name = item.path("name").asText();
      boolean replaced = false;
      for (int i = 0; i < merged.size(); i++) {
        if (merged.get(i).path("name").asText().equals(name)) {
          merged.set(i, strategic(merged.get(i), item));
          replaced = true;
        }
      }
      if (!replaced) {
        merged.add(item.deepCopy());
      }
    }
    return merged;
  }
}
