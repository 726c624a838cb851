package io.bftvote.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A server-sent-event client for tests: opens a stream, parses {@code event:}/{@code data:} frames
 * as they arrive, and lets a test wait for the event it expects.
 */
final class SseClient implements AutoCloseable {
  /** One event: its name and its data parsed as JSON. */
  record Event(String name, JsonObject data) {}

  private final HttpClient client;
  private final HttpClientResponse response;
  private final List<Event> events = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private volatile boolean ended;

  private SseClient(HttpClient client, HttpClientResponse response) {
    this.client = client;
    this.response = response;
    try {
      response.handler(chunk -> received(chunk.toString()));
      response.endHandler(v -> ended = true);
      response.exceptionHandler(e -> ended = true);
    } catch (IllegalStateException alreadyEnded) {
      // A short refusal (a 503 past the stream limit) can end before the future hands it over:
      // its status and headers are all a test reads of it.
      ended = true;
    }
  }

  /** The handlers are set on the event loop as the response arrives, so no early chunk is missed. */
  static SseClient open(Vertx vertx, int port, String path) {
    HttpClient client = vertx.createHttpClient();
    return GatewayUnderTest.await(client.request(HttpMethod.GET, port, "localhost", path)
        .compose(request -> request.putHeader("Accept", "text/event-stream").send())
        .map(response -> new SseClient(client, response)));
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.getHeader("Content-Type");
  }

  /** True once the server ended the stream or dropped the connection. */
  boolean ended() {
    return ended;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Waits (with a deadline) for an event with this name whose data passes {@code test}. */
  Event await(String name, Predicate<JsonObject> test) {
    return Poll.until("a '" + name + "' event", () -> find(name, test), found -> found != null);
  }

  synchronized Event find(String name, Predicate<JsonObject> test) {
    return events.stream().filter(e -> e.name().equals(name) && test.test(e.data())).findFirst().orElse(null);
  }

  synchronized List<Event> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }

  private synchronized void received(String chunk) {
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String frame = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(frame);
    }
  }

  private void parse(String frame) {
    String name = null;
    StringBuilder data = new StringBuilder();
    for (String line : frame.split("\n")) {
      if (line.startsWith("event: ")) name = line.substring(7);
      if (line.startsWith("data: ")) data.append(line.substring(6));
    }
    if (name != null) {
      events.add(new Event(name, new JsonObject(data.toString())));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
