package io.bftvote.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.cli.CliException;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's HTTP API as the CLI uses it. Every network failure becomes a message that says what to do. */
public final class GatewayClient {
  /** An answer from the gateway: its status code and its JSON body (an object, possibly empty). */
  public record Answer(int status, JsonNode body) {
    /** The gateway's {@code {"error": ...}} message, or the status code when there is none. */
    public String error() {
      return body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** Long enough for a server-side {@code wait} (the CLI asks for at most a few seconds) plus slack. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final HttpClient http;

  public GatewayClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** {@code POST /api/votes}, asking the gateway to wait up to {@code wait} for the outcome (zero: don't). */
  public Answer submit(Ballot ballot, Duration wait) {
    String query = wait.isZero() ? "" : "?wait=" + wait.toMillis() + "ms";
    return send(HttpRequest.newBuilder(uri("/api/votes" + query))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(ballot))));
  }

  /** {@code GET /api/votes/{id}}. */
  public Answer vote(String requestId) {
    return send(HttpRequest.newBuilder(uri("/api/votes/" + requestId)).GET());
  }

  /** {@code GET /api/tallies/{election}}. */
  public Answer tally(String election) {
    return send(HttpRequest.newBuilder(uri("/api/tallies/" + URLEncoder.encode(election, StandardCharsets.UTF_8))).GET());
  }

  /** {@code GET /api/cluster}: each replica's status as the gateway last saw it. */
  public Answer cluster() {
    return send(HttpRequest.newBuilder(uri("/api/cluster")).GET());
  }

  private URI uri(String path) {
    try {
      return URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("not a usable gateway URL: " + baseUrl + " (" + e.getMessage() + ")");
    }
  }

  private Answer send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
    try {
      HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (ConnectException e) {
      throw CliException.failure("cannot reach the gateway at " + baseUrl + " — is './bftvote devnet' running?"
          + " (or pass --gateway URL)");
    } catch (HttpTimeoutException e) {
      throw CliException.failure("the gateway at " + baseUrl + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s — is it overloaded or stuck?");
    } catch (IOException e) {
      throw CliException.failure("talking to the gateway at " + baseUrl + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for the gateway");
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      // Not JSON (a proxy's error page, say): keep the text so the user sees what came back.
      return Json.MAPPER.createObjectNode().put("error", new String(body, StandardCharsets.UTF_8).strip());
    }
  }
}
