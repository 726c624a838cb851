package io.bftvote.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest against the Kubernetes API as the fabric8 model encodes it (generated from the
 * API's OpenAPI schema): the kind must be one we deploy, every field must exist where it is
 * written, and every value must have the field's type. fabric8 keeps unknown fields in each
 * object's {@code additionalProperties} instead of failing, so the check walks the typed result
 * and reports every one.
 */
final class KubeValidator {
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Service", Service.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "apps/v1/Deployment", Deployment.class,
      "batch/v1/Job", Job.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  /** The API server would refuse 8080 where a string belongs (env values!) and "8080" where an int does. */
  private final ObjectMapper mapper = strictMapper();

  static boolean isCoreKind(JsonNode document) {
    return KINDS.containsKey(key(document));
  }

  /** The typed object; throws with every problem found. */
  <T extends HasMetadata> T read(JsonNode document, Class<T> type) {
    HasMetadata typed = read(document);
    return type.cast(typed);
  }

  HasMetadata read(JsonNode document) {
    List<String> problems = new ArrayList<>();
    HasMetadata typed = typed(document, problems);
    if (!problems.isEmpty()) {
      throw new AssertionError(describe(document) + ": " + String.join("; ", problems));
    }
    return typed;
  }

  /** Every problem with the document, none if the API would accept its shape. */
  List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    typed(document, problems);
    return problems;
  }

  static String describe(JsonNode document) {
    return document.path("kind").asText("?") + " " + document.path("metadata").path("name").asText("?");
  }

  private HasMetadata typed(JsonNode document, List<String> problems) {
    Class<? extends HasMetadata> type = KINDS.get(key(document));
    if (type == null) {
      problems.add("apiVersion " + key(document) + " is not a kind bftvote deploys: " + KINDS.keySet());
      return null;
    }
    HasMetadata typed;
    try {
      typed = mapper.treeToValue(document, type);
    } catch (Exception e) {
      problems.add(e.getMessage().lines().findFirst().orElse(e.toString()));
      return null;
    }
    unknownFields(typed, "", problems);
    return typed;
  }

  private static String key(JsonNode document) {
    return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
    }
    return mapper;
  }

  /** Every field the model did not know, as a path like {@code .spec.template.spec.containers[0].imagePullPolcy}. */
  private static void unknownFields(Object node, String path, List<String> problems) {
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
      return;
    }
    if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(field -> problems.add("unknown field " + path + "." + field));
      } else {
        unknownFields(value, path + "." + property(getter), problems);
      }
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter + ": " + e, e);
    }
  }
}
