package io.bftvote.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every replica's admin port for its {@code /status} at once, for {@code GET /api/cluster}
 * and the dashboard's live cluster table. A replica that does not answer in time, or answers
 * something that is not a status, is reported {@code "reachable": false}: the snapshot itself
 * never fails.
 */
final class ClusterProbe {
  static final long FETCH_TIMEOUT_MS = 2_000;

  private final WebClient web;
  private final List<String> replicaAdminUrls;

  ClusterProbe(WebClient web, List<String> replicaAdminUrls) {
    this.web = web;
    this.replicaAdminUrls = List.copyOf(replicaAdminUrls);
  }

  /** {@code {"replicas":[status, ...]}} in replica id order. */
  Future<ObjectNode> snapshot() {
    List<Future<JsonNode>> probes = new ArrayList<>();
    for (int id = 0; id < replicaAdminUrls.size(); id++) {
      probes.add(replicaStatus(id, replicaAdminUrls.get(id)));
    }
    return Future.join(probes).transform(done -> {
      ObjectNode snapshot = Json.MAPPER.createObjectNode();
      ArrayNode replicas = snapshot.putArray("replicas");
      probes.forEach(probe -> replicas.add(probe.result()));
      return Future.succeededFuture(snapshot);
    });
  }

  private Future<JsonNode> replicaStatus(int id, String adminUrl) {
    return web.getAbs(adminUrl + "/status").timeout(FETCH_TIMEOUT_MS).send()
        .map(response -> reachable(id, response))
        .otherwise(error -> unreachable(id));
  }

  private static JsonNode reachable(int id, HttpResponse<Buffer> response) {
    if (response.statusCode() != 200 || response.body() == null) {
      return unreachable(id);
    }
    try {
      JsonNode status = Json.MAPPER.readTree(response.body().getBytes());
      if (status == null || !status.isObject()) {
        return unreachable(id);
      }
      return ((ObjectNode) status).put("reachable", true);
    } catch (IOException e) {
      return unreachable(id);
    }
  }

  private static JsonNode unreachable(int id) {
    return Json.MAPPER.createObjectNode().put("id", id).put("reachable", false);
  }
}
