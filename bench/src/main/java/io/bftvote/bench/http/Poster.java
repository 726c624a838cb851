package io.bftvote.bench.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON bodies to one URL over keep-alive HTTP/1.1 connections, from one thread and a
 * selector, with the request bytes laid out before they are queued: a load generator must cost
 * the machine it shares with the system under test as little as it can. (The Vert.x WebClient
 * this replaces spent ~100 µs of CPU a request at 2,000 requests/s, in future callbacks, pool
 * leases, a timer per request and hand-offs between threads: a tenth of the machine.)
 *
 * <p>The load may come from several sources, each bound to its own local address and with its own
 * connections and queue, as many clients would (the gateway limits votes per client address).
 * {@link #post} may be called from any thread; answers complete on the poster's thread, so what
 * is chained to them must be quick.
 */
public final class Poster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Poster.class);
  /** How long the loop sleeps at most, and so how late a time-out can be noticed. */
  private static final long TICK_MILLIS = 50;

  /**
   * A request's outcome: the response's status, or why there is none (a short label for reports:
   * "http-timeout", "connect-failed", "error-IOException", "client-queue-full", "closed").
   */
  public record Answer(int status, String failure) {}

  /** Where requests come from: a local address (null: the system's choice), its connections and its queue. */
  private static final class Source {
    final InetSocketAddress local;
    final List<Connection> connections = new ArrayList<>();
    final ArrayDeque<Exchange> waiting = new ArrayDeque<>();

    Source(InetSocketAddress local) {
      this.local = local;
    }
  }

  private final InetSocketAddress remote;
  private final byte[] head;
  private final Source[] sources;
  private final int connectionsPerSource;
  private final int waitLimit;
  private final long timeoutNanos;
  private final Selector selector;
  private final Queue<Exchange> submitted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean selecting = new AtomicBoolean();
  private final Thread loop;
  private volatile boolean running = true;

  /**
   * @param url where to POST, http:// only
   * @param locals the sources' local addresses; empty: one source, from any address
   * @param connectionsPerSource the most connections each source opens
   * @param waitLimit the most requests a source queues for a connection; beyond it they fail
   * @param timeout how long a request may take, from {@link #post} to its response
   */
  public Poster(URI url, List<InetAddress> locals, int connectionsPerSource, int waitLimit, Duration timeout)
      throws IOException {
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("an http:// URL with a host is needed, got " + url);
    }
    if (connectionsPerSource < 1 || waitLimit < 1) {
      throw new IllegalArgumentException("at least one connection and one queued request per source");
    }
    int port = url.getPort() > 0 ? url.getPort() : 80;
    this.remote = new InetSocketAddress(resolve(url.getHost(), !locals.isEmpty()), port);
    this.head = ("POST " + (url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + " HTTP/1.1\r\n"
        + "Host: " + url.getHost() + ":" + port + "\r\n"
        + "User-Agent: bftvote-bench\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: ").getBytes(StandardCharsets.US_ASCII);
    this.sources = locals.isEmpty()
        ? new Source[] {new Source(null)}
        : locals.stream().map(a -> new Source(new InetSocketAddress(a, 0))).toArray(Source[]::new);
    this.connectionsPerSource = connectionsPerSource;
    this.waitLimit = waitLimit;
    this.timeoutNanos = timeout.toNanos();
    this.selector = Selector.open();
    this.loop = new Thread(this::run, "bench-http");
    this.loop.setDaemon(true);
    this.loop.start();
  }

  /** How many sources the load comes from. */
  public int sources() {
    return sources.length;
  }

  /** Queues a POST of {@code body} from source {@code source} (taken modulo the sources); never blocks. */
  public CompletionStage<Answer> post(int source, byte[] body) {
    Exchange exchange = new Exchange(Math.floorMod(source, sources.length), request(body),
        System.nanoTime() + timeoutNanos);
    submitted.add(exchange);
    if (!running && submitted.remove(exchange)) {
      exchange.fail("closed"); // closed meanwhile, and the loop's last sweep of the queue missed it
    } else if (selecting.get() && selecting.compareAndSet(true, false)) {
      selector.wakeup();
    }
    return exchange.answer;
  }

  private ByteBuffer request(byte[] body) {
    byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(head, head.length + length.length + body.length);
    System.arraycopy(length, 0, bytes, head.length, length.length);
    System.arraycopy(body, 0, bytes, head.length + length.length, body.length);
    return ByteBuffer.wrap(bytes);
  }

  private void run() {
    long nextSweep = System.nanoTime();
    try {
      while (running) {
        takeSubmitted();
        for (int i = 0; i < sources.length; i++) {
          dispatch(i);
        }
        selecting.set(true);
        if (submitted.isEmpty()) {
          selector.select(TICK_MILLIS);
        } else {
          selector.selectNow();
        }
        selecting.set(false);
        handleReady();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          failOverdue(now);
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        }
      }
    } catch (IOException | RuntimeException e) {
      running = false;
      log.error("the HTTP load generator stopped: {}; requests still on their way fail as \"closed\"", e.toString(), e);
    } finally {
      shutDown();
    }
  }

  private void takeSubmitted() {
    for (Exchange exchange; (exchange = submitted.poll()) != null; ) {
      Source source = sources[exchange.source];
      if (source.waiting.size() >= waitLimit) {
        exchange.fail("client-queue-full");
      } else {
        source.waiting.add(exchange);
      }
    }
  }

  /** Gives waiting requests to idle connections, and opens connections (up to the limit) for the rest. */
  private void dispatch(int index) {
    Source source = sources[index];
    if (source.waiting.isEmpty()) {
      return;
    }
    source.connections.removeIf(connection -> !connection.isOpen());
    int connecting = 0;
    for (Connection connection : source.connections) {
      if (source.waiting.isEmpty()) {
        return;
      }
      if (connection.idle()) {
        start(connection, source.waiting.poll());
      } else if (connection.connecting()) {
        connecting++;
      }
    }
    while (source.waiting.size() > connecting && source.connections.size() < connectionsPerSource) {
      Connection connection;
      try {
        connection = Connection.open(index, selector, source.local, remote);
      } catch (IOException e) {
        source.waiting.poll().fail(label(e));
        continue;
      }
      source.connections.add(connection);
      if (connection.idle()) {
        start(connection, source.waiting.poll()); // loopback may connect at once
      } else {
        connecting++;
      }
    }
  }

  private void start(Connection connection, Exchange exchange) {
    try {
      connection.start(exchange);
    } catch (IOException e) {
      connection.close();
      exchange.fail(label(e));
    }
  }

  private void handleReady() {
    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
      SelectionKey key = it.next();
      it.remove();
      Connection connection = (Connection) key.attachment();
      try {
        if (!key.isValid()) {
          continue;
        }
        if (key.isConnectable()) {
          connection.finishConnect(); // idle now: the next dispatch gives it a request
          continue;
        }
        if (key.isWritable() && connection.current() != null) {
          connection.write();
        }
        if (key.isReadable()) {
          connection.read();
        }
      } catch (IOException | ResponseParser.MalformedResponseException e) {
        lost(connection, e);
      }
    }
  }

  /**
   * The connection failed: its request fails with it. A connection that never connected fails
   * the oldest request that was waiting for it, so that a server that is down fails requests as
   * they come rather than each after its time-out.
   */
  private void lost(Connection connection, Exception e) {
    boolean neverConnected = connection.connecting();
    Exchange current = connection.current();
    connection.close();
    String why = e instanceof IOException io ? label(io) : "error-malformed-response";
    if (current != null) {
      current.fail(why);
    } else if (neverConnected && !sources[connection.source].waiting.isEmpty()) {
      sources[connection.source].waiting.poll().fail(why);
    }
  }

  /** Fails the requests that ran out of time, queued or on a connection (which is then closed). */
  private void failOverdue(long now) {
    for (Source source : sources) {
      while (!source.waiting.isEmpty() && now - source.waiting.peek().deadlineNanos >= 0) {
        source.waiting.poll().fail("http-timeout");
      }
      for (Connection connection : source.connections) {
        Exchange current = connection.current();
        if (current != null && now - current.deadlineNanos >= 0) {
          connection.close();
          current.fail("http-timeout");
        }
      }
    }
  }

  private void shutDown() {
    for (Source source : sources) {
      for (Connection connection : source.connections) {
        Exchange current = connection.current();
        connection.close();
        if (current != null) {
          current.fail("closed");
        }
      }
      source.waiting.forEach(e -> e.fail("closed"));
      source.waiting.clear();
    }
    for (Exchange exchange; (exchange = submitted.poll()) != null; ) {
      exchange.fail("closed");
    }
    try {
      selector.close();
    } catch (IOException e) {
      // nothing left to report on
    }
  }

  /** A short, stable label for a transport failure. */
  static String label(IOException e) {
    return e instanceof ConnectException ? "connect-failed" : "error-" + e.getClass().getSimpleName();
  }

  /**
   * The server's address. With sources bound to 127.x addresses the server must be reached over
   * IPv4 loopback too, whichever way "localhost" resolves.
   */
  private static InetAddress resolve(String host, boolean ipv4) throws UnknownHostException {
    if (ipv4) {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (address instanceof Inet4Address) {
          return address;
        }
      }
    }
    return InetAddress.getByName(host);
  }

  /** Stops the loop; requests not yet answered fail with "closed". Idempotent. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
