package io.bftvote.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Many votes over the gateway's HTTP API at once, with a bounded number in flight. */
final class VoteTraffic {
  private static final int IN_FLIGHT = 32;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String gatewayUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Semaphore slots = new Semaphore(IN_FLIGHT);

  VoteTraffic(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  /** POSTs every ballot and returns the answers' JSON bodies in the same order. */
  List<JsonNode> submit(List<Ballot> ballots) throws InterruptedException {
    List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
    for (Ballot ballot : ballots) {
      slots.acquire();
      HttpRequest post = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/votes"))
          .timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(ballot))).build();
      answers.add(send(post, 202, 200));
    }
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /** The current status of every id ({@code GET /api/votes/{id}}), keyed by id. */
  Map<String, JsonNode> statuses(Collection<String> ids) throws InterruptedException {
    Map<String, CompletableFuture<JsonNode>> answers = new HashMap<>();
    for (String id : ids) {
      slots.acquire();
      answers.put(id, send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/votes/" + id))
          .timeout(REQUEST_TIMEOUT).GET().build(), 200));
    }
    Map<String, JsonNode> result = new HashMap<>();
    answers.forEach((id, answer) -> result.put(id, answer.join()));
    return result;
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + path))
        .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
  }

  private CompletableFuture<JsonNode> send(HttpRequest request, int... expected) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, error) -> slots.release())
        .thenApply(response -> {
          if (!isOneOf(response.statusCode(), expected)) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                + ": " + new String(response.body()));
          }
          try {
            return Json.MAPPER.readTree(response.body());
          } catch (java.io.IOException e) {
            throw new AssertionError("not JSON from " + request.uri(), e);
          }
        });
  }

  private static boolean isOneOf(int status, int... expected) {
    return java.util.Arrays.stream(expected).anyMatch(e -> e == status);
  }
}
