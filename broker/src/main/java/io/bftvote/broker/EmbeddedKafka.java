package io.bftvote.broker;

import io.bftvote.topics.Topics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode, in this JVM: one node that is both controller and
 * broker, for devnet and integration tests. Its data directory survives restarts, clean or not.
 *
 * <p>This is the only class in bftvote that touches Kafka's server internals.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  /** Port 0 means "any free port"; another process may grab it before the broker binds, so retry. */
  private static final int BIND_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final int port;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(KafkaRaftServer server, int port, Path dataDir) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts a broker that keeps its data in {@code dataDir}, formatting the directory only if it has
   * never been formatted. Returns once the broker accepts requests.
   *
   * @param port the client port, or 0 for any free port
   * @throws IllegalStateException if the broker cannot start, with the reason
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
    }
    QuietKafkaLogging.apply();
    Path dir = dataDir.toAbsolutePath().normalize();
    boolean formatted = BrokerStorage.formatIfNew(dir, BrokerConfig.NODE_ID, BrokerConfig.CONTROLLER_LISTENER);
    long startedAt = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      int[] free = freePorts(2);
      int clientPort = port == 0 ? free[0] : port;
      int controllerPort = free[1] != clientPort ? free[1] : free[0];
      try {
        EmbeddedKafka kafka = new EmbeddedKafka(startServer(dir, clientPort, controllerPort), clientPort, dir);
        log.info("Kafka broker listening on {} ({} data in {}, started in {} ms)", kafka.bootstrapServers(),
            formatted ? "new" : "existing", dir, (System.nanoTime() - startedAt) / 1_000_000);
        return kafka;
      } catch (RuntimeException e) {
        if (!isBindFailure(e)) {
          throw new IllegalStateException("cannot start the Kafka broker on " + dir + ": " + e.getMessage(), e);
        }
        if (port != 0) {
          throw new IllegalStateException("cannot start the Kafka broker: port " + port
              + " is already in use — is another broker (or devnet) running? Stop it or choose another port.", e);
        }
        if (attempt == BIND_ATTEMPTS) {
          throw new IllegalStateException("cannot start the Kafka broker: no free port after "
              + BIND_ATTEMPTS + " attempts", e);
        }
        log.warn("A free port was taken before the broker could bind it; retrying with another");
      }
    }
  }

  private static KafkaRaftServer startServer(Path dir, int port, int controllerPort) {
    Map<String, Object> props = BrokerConfig.combinedNode(dir, port, controllerPort);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      // startup() leaves whatever half started (often the controller) running; stop it.
      stop(server);
      throw e;
    }
  }

  /** The address for clients' bootstrap.servers, "localhost:PORT". */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates the missing bftvote topics with replication factor 1 and min ISR 1, the only values one
   * node can honour. Idempotent: topics that exist are left alone.
   */
  public void createTopics(Topics topics) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      topics.ensure(admin, (short) 1, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + topics.all(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + topics.all() + ": " + e.getCause(), e.getCause());
    }
  }

  /** Stops the broker, flushing its logs, and releases its ports and threads. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop(server);
      log.info("Kafka broker on port {} stopped", port);
    }
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Distinct free ports: the sockets stay open until all are chosen, so the OS cannot hand out the
   * same port twice (Kafka refuses a client and a controller listener on one port).
   */
  private static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException("cannot find a free local port: " + e.getMessage(), e);
    } finally {
      for (ServerSocket socket : sockets) {
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to release: the port was only probed
    }
  }
}
