package io.bftvote.replica;

import io.bftvote.replica.byzantine.Mode;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.bftvote.topics.KeyFile;
import io.bftvote.topics.Reply;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * n real {@link ReplicaApp}s on one broker, under their own topic prefix, with the files devnet
 * would write (keys, cluster, elections), plus a plain producer and a reply reader acting as the
 * outside world.
 */
final class TestCluster implements AutoCloseable {
  final Topics topics;
  final Cluster cluster;
  private final String bootstrap;
  private final Path dir;
  private final List<ReplicaApp> apps = new ArrayList<>();
  private final Map<Integer, Process> processes = new HashMap<>();
  private final long viewChangeTimeoutMillis;
  private final int maxBatch;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> replies;
  private final Map<String, Map<Integer, Reply>> repliesById = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  TestCluster(String bootstrap, String prefix, Path dir, int n) {
    this(bootstrap, prefix, dir, n, PbftConfig.DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS, 50);
  }

  TestCluster(String bootstrap, String prefix, Path dir, int n, long viewChangeTimeoutMillis, int maxBatch) {
    this.bootstrap = bootstrap;
    this.viewChangeTimeoutMillis = viewChangeTimeoutMillis;
    this.maxBatch = maxBatch;
    this.topics = new Topics(prefix);
    this.dir = dir;
    List<Ed25519.KeyPair> keys = IntStream.range(0, n).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
    for (int i = 0; i < n; i++) {
      KeyFile.save(keys.get(i), keyFile(i));
    }
    this.cluster = new Cluster(keys.stream().map(Ed25519.KeyPair::publicKey).toList());
    cluster.save(dir.resolve("cluster.json"));
    Elections.demo().save(dir.resolve("elections.json"));
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    this.replies = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    replies.assign(List.of(new TopicPartition(topics.replies(), 0)));
    for (int i = 0; i < n; i++) {
      apps.add(null);
    }
  }

  ReplicaConfig config(int id) {
    return config(id, bootstrap, topics.prefix(), dir, viewChangeTimeoutMillis, maxBatch);
  }

  /** Replica {@code id} of the test cluster in {@code dir}, with its admin API on a free port. */
  static ReplicaConfig config(int id, String bootstrap, String prefix, Path dir, long viewChangeTimeoutMillis,
                              int maxBatch) {
    return new ReplicaConfig(id, bootstrap, prefix, dir.resolve("replica-" + id), keyFile(dir, id),
        dir.resolve("cluster.json"), dir.resolve("elections.json"), 0, maxBatch, 10, 8, Map.of(),
        viewChangeTimeoutMillis);
  }

  void startAll() throws Exception {
    for (int i = 0; i < apps.size(); i++) {
      start(i);
    }
  }

  void start(int id) throws Exception {
    start(config(id));
  }

  /** Starts replica {@code id} lying as {@code mode} says (see {@code io.bftvote.replica.byzantine}). */
  void startByzantine(int id, Mode mode) throws Exception {
    start(config(id).withByzantine(mode));
  }

  private void start(ReplicaConfig config) throws Exception {
    ReplicaApp app = new ReplicaApp(config);
    apps.set(config.id(), app);
    app.start();
  }

  void stop(int id) {
    apps.get(id).close();
  }

  /** Starts replica {@code id} in a process of its own (see {@link ReplicaChild}), and waits until it runs. */
  void startProcess(int id) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = dir.resolve("replica-" + id + "-process.log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, ReplicaChild.class.getName(), String.valueOf(id), bootstrap, topics.prefix(),
        dir.toString(), String.valueOf(viewChangeTimeoutMillis), String.valueOf(maxBatch))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.put(id, process);
    Await.until(Duration.ofSeconds(60), () -> readyIn(log) || !process.isAlive(),
        () -> "replica " + id + " to start in its own process");
    if (!process.isAlive()) {
      throw new IllegalStateException("replica " + id + " process died at start; see " + log);
    }
  }

  /** Kills replica {@code id}'s process as {@code kill -9} does, and waits until it is gone. */
  void kill(int id) throws InterruptedException {
    Process process = processes.remove(id);
    process.destroyForcibly();
    process.waitFor();
  }

  private static boolean readyIn(Path log) {
    try {
      return java.nio.file.Files.readAllLines(log).contains("ready");
    } catch (IOException e) {
      return false;
    }
  }

  ReplicaApp replica(int id) {
    return apps.get(id);
  }

  List<ReplicaApp> running(int... ids) {
    return IntStream.of(ids).mapToObj(apps::get).toList();
  }

  /** Signs {@code count} ballots of fresh voters and writes them straight to bft.requests. */
  List<Ballot> postBallots(int count) {
    List<Ballot> ballots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Ballot ballot = Ballot.sign(Ed25519.KeyPair.generate(), "demo", List.of("alice", "bob", "carol").get(i % 3),
          "n-" + i);
      ballots.add(ballot);
      producer.send(new ProducerRecord<>(topics.requests(), ballot.voter(), Json.write(ballot)));
    }
    producer.flush();
    return ballots;
  }

  void publish(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
    producer.flush();
  }

  /**
   * Reads new replies and says whether every one of {@code ballots} has f+1 validly signed,
   * matching replies from distinct replicas.
   */
  boolean allConfirmed(List<Ballot> ballots) {
    for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(100))) {
      Reply reply = Json.read(record.value(), Reply.class);
      if (reply.hasValidSignature(cluster) && record.key().equals(reply.requestId())) {
        repliesById.computeIfAbsent(reply.requestId(), k -> new HashMap<>()).putIfAbsent(reply.replica(), reply);
      }
    }
    return ballots.stream().allMatch(b -> confirmations(b.requestId()) >= cluster.replyQuorum());
  }

  /** The largest number of distinct replicas that sent one same reply for this request. */
  long confirmations(String requestId) {
    List<Reply> received = List.copyOf(repliesById.getOrDefault(requestId, Map.of()).values());
    return received.stream().mapToLong(r -> received.stream().filter(r::matches).count()).max().orElse(0);
  }

  Reply anyReply(String requestId) {
    return repliesById.get(requestId).values().iterator().next();
  }

  HttpResponse<String> get(int replica, String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + apps.get(replica).adminPort() + path))
          .timeout(Duration.ofSeconds(10)).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Path keyFile(int id) {
    return keyFile(dir, id);
  }

  private static Path keyFile(Path dir, int id) {
    return dir.resolve("keys").resolve("replica-" + id + ".key");
  }

  @Override
  public void close() {
    processes.values().forEach(Process::destroyForcibly);
    apps.stream().filter(a -> a != null).forEach(ReplicaApp::close);
    producer.close();
    replies.close();
  }
}
