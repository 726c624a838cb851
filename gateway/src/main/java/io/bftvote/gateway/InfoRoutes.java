package io.bftvote.gateway;

import io.bftvote.topics.Elections;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only views of the system: the election definitions, tallies and detections (relayed from
 * the tally app), and each replica's status (from {@link ClusterProbe}).
 */
final class InfoRoutes {
  private static final Logger log = LoggerFactory.getLogger(InfoRoutes.class);
  private static final String ELECTION = "election";

  private final Elections elections;
  private final WebClient web;
  private final String tallyUrl;
  private final ClusterProbe cluster;

  InfoRoutes(Elections elections, WebClient web, String tallyUrl, ClusterProbe cluster) {
    this.elections = elections;
    this.web = web;
    this.tallyUrl = tallyUrl;
    this.cluster = cluster;
  }

  void mount(Router router) {
    router.get("/api/elections").handler(ctx -> Responses.json(ctx, 200, elections));
    router.get("/api/tallies/:election").handler(this::knownElection).handler(this::proxyTally);
    router.get("/api/detections").handler(ctx -> relayFromTally(ctx, "/detections"));
    router.get("/api/cluster").handler(ctx -> cluster.snapshot().onSuccess(s -> Responses.json(ctx, 200, s)));
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
    relayFromTally(ctx, "/tallies/" + ctx.<String>get(ELECTION));
  }

  private void relayFromTally(RoutingContext ctx, String path) {
    web.getAbs(tallyUrl + path).timeout(ClusterProbe.FETCH_TIMEOUT_MS).send()
        .onSuccess(response -> relay(ctx, response))
        .onFailure(error -> {
          log.warn("tally app at {} unreachable: {}", tallyUrl, error.toString());
          Responses.error(ctx, 503, "the tally service cannot be reached; try again shortly");
        });
  }

  /** The tally app's 2xx and 4xx answers pass through; its failures become a 502 that says whose. */
  private static void relay(RoutingContext ctx, HttpResponse<Buffer> response) {
    if (ctx.response().closed()) {
      return; // the client hung up while the tally app answered
    }
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
}
