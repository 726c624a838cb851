package io.bftvote.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only views of the system: the election definitions, tallies (proxied from the tally app),
 * and each replica's status (fetched from its admin port).
 */
final class InfoRoutes {
  private static final Logger log = LoggerFactory.getLogger(InfoRoutes.class);
  private static final long FETCH_TIMEOUT_MS = 2_000;
  private static final String ELECTION = "election";

  private final Elections elections;
  private final WebClient web;
  private final String tallyUrl;
  private final List<String> replicaAdminUrls;

  InfoRoutes(Elections elections, WebClient web, String tallyUrl, List<String> replicaAdminUrls) {
    this.elections = elections;
    this.web = web;
    this.tallyUrl = tallyUrl;
    this.replicaAdminUrls = List.copyOf(replicaAdminUrls);
  }

  void mount(Router router) {
    router.get("/api/elections").handler(ctx -> Responses.json(ctx, 200, elections));
    router.get("/api/tallies/:election").handler(this::knownElection).handler(this::proxyTally);
    router.get("/api/cluster").handler(this::cluster);
  }

  private void knownElection(RoutingContext ctx) {
    String election = ctx.pathParam("election");
    if (elections.get(election) == null) {
      Responses.error(ctx, 404, "no election named " + election + "; GET /api/elections lists them");
      return;
    }
    ctx.put(ELECTION, election);
    ctx.next();
  }

  /** The election id matched the elections file, so it is safe to put in the tally app's path. */
  private void proxyTally(RoutingContext ctx) {
    String election = ctx.get(ELECTION);
    web.getAbs(tallyUrl + "/tallies/" + election).timeout(FETCH_TIMEOUT_MS).send()
        .onSuccess(response -> relayTally(ctx, response))
        .onFailure(error -> {
          log.warn("tally app at {} unreachable: {}", tallyUrl, error.toString());
          Responses.error(ctx, 503, "the tally service cannot be reached; try again shortly");
        });
  }

  private static void relayTally(RoutingContext ctx, HttpResponse<Buffer> response) {
    if (response.statusCode() >= 500) {
      Responses.error(ctx, 502, "the tally service failed (HTTP " + response.statusCode() + ")");
      return;
    }
    Buffer body = response.body();
    ctx.response()
        .setStatusCode(response.statusCode())
        .putHeader("Content-Type", "application/json")
        .end(body == null ? Buffer.buffer() : body);
  }

  /** Asks every replica at once; one that does not answer in time is reported unreachable. */
  private void cluster(RoutingContext ctx) {
    List<Future<JsonNode>> probes = new ArrayList<>();
    for (int id = 0; id < replicaAdminUrls.size(); id++) {
      probes.add(replicaStatus(id, replicaAdminUrls.get(id)));
    }
    Future.join(probes).onComplete(done -> {
      List<JsonNode> replicas = probes.stream().map(Future::result).toList();
      Responses.json(ctx, 200, Map.of("replicas", replicas));
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
      if (!status.isObject()) {
        return unreachable(id);
      }
      return ((ObjectNode) status).put("reachable", true);
    } catch (java.io.IOException e) {
      return unreachable(id);
    }
  }

  private static JsonNode unreachable(int id) {
    return Json.MAPPER.createObjectNode().put("id", id).put("reachable", false);
  }
}
