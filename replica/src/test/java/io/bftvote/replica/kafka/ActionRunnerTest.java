package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.replica.ledger.SentLog;
import io.bftvote.replica.ledger.StableCheckpointFile;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Reply;
import io.bftvote.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup replica 1 driven by scripted, signed peer messages; Kafka is a MockProducer. */
class ActionRunnerTest {
  private static final List<Ed25519.KeyPair> KEYS = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private static final Cluster CLUSTER = new Cluster(KEYS.stream().map(Ed25519.KeyPair::publicKey).toList());
  private static final Topics TOPICS = Topics.unprefixed();
  private static final int SELF = 1;

  @TempDir Path dir;
  private MockProducer<String, byte[]> producer;
  private Ledger ledger;
  private SentLog sent;
  private Outbox outbox;
  private GroupCommit durability;
  private ReplicaMetrics metrics;
  private ActionRunner runner;

  @BeforeEach
  void startReplica() {
    open();
  }

  @AfterEach
  void stopReplica() {
    close();
  }

  @Test
  void aPrepareIsPublishedOnlyOnceTheSentLogHoldsIt() throws IOException, InterruptedException {
    List<Ballot> batch = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1"));

    runner.accept(new Input.MessageArrived(prePrepare(1, batch)), 0);

    assertTrue(published(TOPICS.consensus()).isEmpty(), "nothing leaves before the flush");
    assertTrue(Files.readString(dir.resolve(SentLog.FILE)).contains("\"phase\":\"prepare\""),
        "the prepare is in the write-ahead log");
    flush();
    List<ProducerRecord<String, byte[]>> out = published(TOPICS.consensus());
    assertEquals(1, out.size());
    assertEquals("1", out.get(0).key());
    ConsensusMessage prepare = Json.read(out.get(0).value(), ConsensusMessage.class);
    assertEquals(Phase.PREPARE, prepare.phase());
    assertTrue(prepare.hasValidSignature(CLUSTER));
  }

  @Test
  void aCommittedBatchIsExecutedAndPublishedAsACertifiedBlockWithASignedReplyPerBallot() throws InterruptedException {
    List<Ballot> batch = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1"),
        Ballot.sign(Ed25519.KeyPair.generate(), "demo", "nobody", "n1"));
    String digest = BatchDigest.of(batch);

    runner.accept(new Input.MessageArrived(prePrepare(1, batch)), 0);
    for (int peer : new int[] {2, 3}) {
      runner.accept(new Input.MessageArrived(vote(Phase.PREPARE, peer, 1, digest)), 1);
    }
    for (int peer : new int[] {0, 2}) {
      runner.accept(new Input.MessageArrived(vote(Phase.COMMIT, peer, 1, digest)), 2);
    }
    flush();

    assertEquals(1, ledger.height());
    List<ProducerRecord<String, byte[]>> blocks = published(TOPICS.blocks());
    assertEquals(1, blocks.size());
    assertEquals("1", blocks.get(0).key());
    CertifiedBlock block = Json.read(blocks.get(0).value(), CertifiedBlock.class);
    assertEquals(null, block.certificateProblem(CLUSTER));
    List<Reply> replies = awaitReplies(2);
    assertEquals(List.of("accepted", "rejected"), replies.stream().map(Reply::status).toList());
    assertEquals("unknown-candidate", replies.get(1).reason());
    assertTrue(replies.stream().allMatch(r -> r.hasValidSignature(CLUSTER) && r.height() == 1 && r.replica() == SELF));
  }

  @Test
  void afterARestartWhatWasSignedIsSentAgainAsIsAndNotLoggedTwice() throws IOException, InterruptedException {
    List<Ballot> batch = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1"));
    runner.accept(new Input.MessageArrived(prePrepare(1, batch)), 0);
    flush();
    ProducerRecord<String, byte[]> before = published(TOPICS.consensus()).get(0);
    close();

    open();
    runner.restore(0);
    flush();

    List<ProducerRecord<String, byte[]>> again = published(TOPICS.consensus());
    assertEquals(1, again.size());
    assertEquals(new String(before.value()), new String(again.get(0).value()), "the very same signed prepare");
    assertEquals(2, Files.readAllLines(dir.resolve(SentLog.FILE)).size(),
        "the accepted pre-prepare and the prepare, each logged once");
  }

  @Test
  void theAcceptedPrePrepareIsDurableBeforeThePrepareAndComesBackAfterARestartWithoutBeingPublished()
      throws IOException, InterruptedException {
    List<Ballot> batch = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1"));
    ConsensusMessage accepted = prePrepare(1, batch);
    runner.accept(new Input.MessageArrived(accepted), 0);
    List<String> lines = Files.readAllLines(dir.resolve(SentLog.FILE));
    assertTrue(lines.get(0).startsWith("{\"accepted\":{\"phase\":\"pre-prepare\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"phase\":\"prepare\""), "the prepare after it, synced together");
    flush();
    close();

    open();
    assertEquals(List.of(accepted), sent.restoredAccepted());
    runner.restore(0);
    flush();

    assertTrue(published(TOPICS.consensus()).stream()
            .map(r -> Json.read(r.value(), ConsensusMessage.class)).allMatch(m -> m.sender() == SELF),
        "the primary's pre-prepare is kept, never published by this replica");
  }

  @Test
  void whileItsDurabilityThreadIsHeldTheReplicaGoesOnExecutingButNothingLeavesUntilTheSyncsRan()
      throws InterruptedException {
    close();
    open(false); // the durability thread is not running: as if it hung in an fsync
    List<Ballot> first = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n1"));
    commit(1, first);
    runner.flush();
    List<Ballot> second = List.of(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n1"));
    commit(2, second);
    runner.flush();

    assertEquals(2, ledger.height(), "the event loop executed both blocks meanwhile");
    assertEquals(0, runner.status().height(), "the status names only what is durable");
    assertTrue(producer.history().isEmpty(), "no vote, block or reply before its file was synced");

    durability.start();
    assertTrue(durability.awaitPublished(10_000));
    assertEquals(List.of("1", "2"), published(TOPICS.blocks()).stream().map(ProducerRecord::key).toList());
    assertEquals(List.of(Phase.PREPARE, Phase.COMMIT, Phase.PREPARE, Phase.COMMIT),
        published(TOPICS.consensus()).stream().map(r -> Json.read(r.value(), ConsensusMessage.class).phase()).toList(),
        "in the order the replica signed them");
    assertEquals(2, runner.status().height());
    assertEquals(2, awaitReplies(2).size());
    assertTrue(metrics.scrape().contains("bftvote_replica_fsync_seconds_count{file=\"blocks.jsonl\"} 1"),
        "both turns' blocks made durable by one timed sync");
  }

  /** Drives sequence {@code sequence} to execution with scripted votes from replicas 0, 2 and 3. */
  private void commit(long sequence, List<Ballot> batch) {
    String digest = BatchDigest.of(batch);
    runner.accept(new Input.MessageArrived(prePrepare(sequence, batch)), 0);
    for (int peer : new int[] {2, 3}) {
      runner.accept(new Input.MessageArrived(vote(Phase.PREPARE, peer, sequence, digest)), 1);
    }
    for (int peer : new int[] {0, 2}) {
      runner.accept(new Input.MessageArrived(vote(Phase.COMMIT, peer, sequence, digest)), 2);
    }
  }

  /** Ends the turn and waits for the durability thread to sync and publish it. */
  private void flush() throws InterruptedException {
    runner.flush();
    assertTrue(durability.awaitPublished(10_000), "the durability thread published the turn");
  }

  private void open() {
    open(true);
  }

  private void open(boolean startDurability) {
    ledger = Ledger.open(dir, Elections.demo(), CLUSTER);
    sent = SentLog.open(dir, ledger.height());
    producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    outbox = new Outbox(producer, TOPICS, SELF, KEYS.get(SELF));
    Pbft core = new Pbft(PbftConfig.defaults(SELF, CLUSTER), m -> m.signedBy(KEYS.get(SELF)), ledger.height(), 0);
    metrics = new ReplicaMetrics(() -> runner.status(), () -> 0);
    durability = new GroupCommit(SELF, metrics);
    if (startDurability) {
      durability.start();
    }
    runner = new ActionRunner(SELF, core, ledger, sent, new StableCheckpointFile(dir), outbox, durability, metrics);
  }

  private void close() {
    durability.close();
    outbox.close();
    sent.close();
    ledger.close();
  }

  private List<ProducerRecord<String, byte[]>> published(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** Replies are signed on the outbox's own thread: poll for them with a deadline. */
  private List<Reply> awaitReplies(int count) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (published(TOPICS.replies()).size() < count && System.nanoTime() < deadline) {
      LockSupport.parkNanos(5_000_000);
    }
    return published(TOPICS.replies()).stream().map(r -> Json.read(r.value(), Reply.class)).toList();
  }

  private static ConsensusMessage prePrepare(long sequence, List<Ballot> batch) {
    return ConsensusMessage.of(Phase.PRE_PREPARE, 0, sequence, BatchDigest.of(batch), 0).withBatch(batch)
        .signedBy(KEYS.get(0));
  }

  private static ConsensusMessage vote(Phase phase, int sender, long sequence, String digest) {
    return ConsensusMessage.of(phase, 0, sequence, digest, sender).signedBy(KEYS.get(sender));
  }
}
