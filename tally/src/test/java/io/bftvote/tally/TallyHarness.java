package io.bftvote.tally;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.bftvote.topics.JsonSerde;
import io.bftvote.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The tally topology under {@link TopologyTestDriver}, with four test replicas, a reference
 * ledger, and two elections: {@code demo} (alice, bob, carol; open) and {@code board} (yes, no;
 * only {@link #boardMember} may vote). Consensus records are stamped by a test clock that starts at
 * {@link #START} and advances one second per record, so detection times are predictable.
 */
final class TallyHarness implements AutoCloseable {
  final TestReplicas replicas = new TestReplicas();
  final Ed25519.KeyPair boardMember = Ed25519.KeyPair.generate();
  final Elections elections = new Elections(List.of(
      Election.open("demo", List.of("alice", "bob", "carol")),
      new Election("board", List.of("yes", "no"), Election.ROLL, List.of(boardMember.publicKey()))));
  final TestLedger ledger = new TestLedger(elections);
  final MeterRegistry registry;
  final TopologyTestDriver driver;
  static final Instant START = Instant.parse("2026-11-21T12:00:00Z");
  static final Duration TICK = Duration.ofSeconds(1);
  final TallyQueries queries;
  final DetectionQueries detections;
  private final TestInputTopic<String, byte[]> blocks;
  private final TestInputTopic<String, byte[]> consensus;
  private final TestInputTopic<String, byte[]> detectionsIn;
  private final TestOutputTopic<String, Detection> detectionsOut;
  private final AtomicInteger nonces = new AtomicInteger();

  TallyHarness(Path stateDir, MeterRegistry registry) {
    this(stateDir, registry, DetectionBounds.DEFAULT);
  }

  TallyHarness(Path stateDir, MeterRegistry registry, DetectionBounds bounds) {
    this.registry = registry;
    Topics topics = Topics.unprefixed();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tally-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(TallyTopology.build(topics, replicas.cluster(), elections,
        new TallyMetrics(registry), new DetectionMetrics(registry), bounds), props);
    blocks = driver.createInputTopic(topics.blocks(), new StringSerializer(), new ByteArraySerializer());
    consensus = driver.createInputTopic(topics.consensus(), new StringSerializer(), new ByteArraySerializer(),
        START, TICK);
    detectionsIn = driver.createInputTopic(topics.detections(), new StringSerializer(), new ByteArraySerializer());
    detectionsOut = driver.createOutputTopic(topics.detections(), new StringDeserializer(),
        new JsonSerde<>(Detection.class));
    queries = new TallyQueries(elections, driver::getKeyValueStore);
    detections = new DetectionQueries(() -> driver.getKeyValueStore(DetectionStores.LOG));
  }

  /** Publishes a message as a replica does: keyed by its sender, stamped by the test clock. */
  void publish(ConsensusMessage message) {
    publishConsensusRaw(String.valueOf(message.sender()), Json.write(message));
  }

  /** Publishes a message stamped with {@code time}, which also moves the test clock's stream time. */
  void publish(ConsensusMessage message, Instant time) {
    consensus.pipeInput(String.valueOf(message.sender()), Json.write(message), time);
  }

  void publishConsensusRaw(String key, byte[] value) {
    consensus.pipeInput(key, value);
  }

  /** Puts a record on bft.detections as any writer could, not through the detector. */
  void publishDetectionRaw(byte[] value) {
    detectionsIn.pipeInput("0", value);
  }

  /** The detections published since the last call, with their keys. */
  List<KeyValue<String, Detection>> published() {
    return detectionsOut.readKeyValuesToList();
  }

  /** A ballot for {@code demo} from a brand-new voter. */
  Ballot freshVote(String candidate) {
    return vote(Ed25519.KeyPair.generate(), "demo", candidate);
  }

  Ballot vote(Ed25519.KeyPair voter, String election, String candidate) {
    return Ballot.sign(voter, election, candidate, "n-" + nonces.incrementAndGet());
  }

  /** Publishes a block as a replica does: keyed by its height. */
  void publish(CertifiedBlock block) {
    publishRaw(String.valueOf(block.block().height()), Json.write(block));
  }

  void publishRaw(String key, byte[] value) {
    blocks.pipeInput(key, value);
  }

  TallyReport tally(String election) {
    return queries.report(election).orElseThrow();
  }

  double refused(Refusal reason) {
    return registry.get("bftvote.tally.blocks.refused").tag("reason", reason.tag()).counter().count();
  }

  double consensusRefused(ConsensusRefusal reason) {
    return registry.get("bftvote.tally.consensus.refused").tag("reason", reason.tag()).counter().count();
  }

  double counter(String name) {
    return registry.get(name).counter().count();
  }

  double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Override
  public void close() {
    driver.close();
  }
}
