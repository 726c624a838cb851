package io.bftvote.bench;

import io.bftvote.bench.http.Poster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts ballots to the gateway's {@code POST /api/votes} over many keep-alive connections, from
 * one thread ({@link Poster}), so that a slow answer never holds up the schedule and the load
 * generator takes as little as it can of the machine it may share with the system.
 *
 * <p>The gateway limits votes per client address (DESIGN.md: 429 over the rate limit), because
 * one address flooding it is an attack, while real load comes from many polling stations. On a
 * loopback gateway the load can come from many addresses too: every 127.x.y.z is this machine,
 * so client k binds 127.0.0.(k+2). Each client has its own connections and queue; ballots go
 * round robin. Elsewhere the load comes from this machine's one address.
 */
final class HttpVoteSender implements VoteSender {
  static final String VOTES_PATH = "/api/votes";
  /** Requests queued for a connection, per client; beyond it a ballot is refused as "client-queue-full". */
  static final int WAIT_QUEUE_LIMIT = 50_000;
  private static final int MAX_LOOPBACK_CLIENTS = 250;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final Poster poster;
  private final String gateway;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param gateway the gateway's base URL, e.g. http://localhost:8080
   * @param clients distinct client addresses (only on a loopback gateway; otherwise 1)
   * @param connections keep-alive connections in all, spread over the clients
   */
  HttpVoteSender(String gateway, int clients, int connections) {
    URI uri = URI.create(gateway);
    if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--gateway must be an http:// URL with a host, got " + gateway);
    }
    if (clients < 1 || connections < 1) {
      throw new IllegalArgumentException("--clients and --connections must be at least 1");
    }
    int clientCount = isLoopback(uri.getHost()) ? Math.min(clients, MAX_LOOPBACK_CLIENTS) : 1;
    List<InetAddress> locals = new ArrayList<>();
    try {
      for (int k = 0; clientCount > 1 && k < clientCount; k++) {
        locals.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (k + 2)}));
      }
      this.poster = new Poster(uri.resolve(VOTES_PATH), locals, Math.max(1, connections / clientCount),
          WAIT_QUEUE_LIMIT, REQUEST_TIMEOUT);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--gateway names an unknown host: " + uri.getHost(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a selector for the HTTP load", e);
    }
    this.gateway = gateway;
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.");
  }

  @Override
  public CompletionStage<Handover> send(SignedBallot ballot) {
    return poster.post((int) (next.getAndIncrement() % poster.sources()), ballot.json()).thenApply(answer ->
        answer.status() == 202 || answer.status() == 200 ? Handover.TAKEN
            : Handover.refused(answer.failure() != null ? answer.failure() : "http-" + answer.status()));
  }

  @Override
  public String mode() {
    return "http";
  }

  @Override
  public String target() {
    return gateway + VOTES_PATH;
  }

  @Override
  public int clients() {
    return poster.sources();
  }

  @Override
  public void close() {
    poster.close();
  }
}
