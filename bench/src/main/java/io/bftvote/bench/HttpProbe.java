package io.bftvote.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Short GETs against the system's health and status endpoints; an unreachable endpoint is an answer, not an error. */
final class HttpProbe {
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration ANSWER = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();

  /** True when {@code url} answers 200. */
  boolean ok(String url) throws InterruptedException {
    return get(url).isPresent();
  }

  /** The body of a 200 answer; empty when the endpoint is not (yet, or any more) there or answers otherwise. */
  Optional<String> get(String url) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException notThere) {
      return Optional.empty();
    }
  }
}
