package io.bftvote.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted stand-in for the gateway's HTTP API: each "METHOD path-prefix" answers from a queue of
 * canned responses (the last one repeats), and every request is recorded for assertions.
 */
final class FakeGateway implements AutoCloseable {
  record Request(String method, String uri, String body) {}

  record Response(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Response>> script = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  FakeGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Answers requests whose "METHOD path" starts with {@code route}, in order; the last answer repeats. */
  FakeGateway answer(String route, Response... responses) {
    script.put(route, new ArrayDeque<>(List.of(responses)));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String uri = exchange.getRequestURI().toString();
    requests.add(new Request(exchange.getRequestMethod(), uri, body));
    Response response = next(exchange.getRequestMethod() + " " + uri);
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Response next(String request) {
    return script.entrySet().stream()
        .filter(e -> request.startsWith(e.getKey()))
        .findFirst()
        .map(e -> e.getValue().size() > 1 ? e.getValue().poll() : e.getValue().peek())
        .orElse(new Response(404, "{\"error\":\"not scripted: " + request + "\"}"));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
