package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.replica.admin.ReplicaStatus;
import io.bftvote.replica.byzantine.Misbehaviour;
import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.replica.ledger.ExecutedBlock;
import io.bftvote.replica.ledger.Ledger;
import io.bftvote.replica.ledger.SentLog;
import io.bftvote.replica.ledger.StableCheckpointFile;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Topics;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PBFT replica wired to Kafka: the core and the ledger behind one event loop, three topic
 * readers in front of it, and behind it a durability thread that syncs what the loop wrote before
 * one producer publishes it. {@link #start()} first catches up from
 * {@code bft.blocks}, then restores what the replica signed before a restart, then joins.
 */
public final class KafkaReplica implements AutoCloseable {
  /** How far back in {@code bft.consensus} a (re)started replica begins reading. */
  static final long CONSENSUS_LOOKBACK_MILLIS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(KafkaReplica.class);

  private final PbftConfig pbft;
  private final Ed25519.KeyPair key;
  private final Ledger ledger;
  private final Path dataDir;
  private final KafkaClients clients;
  private final Topics topics;
  private final ReplicaMetrics metrics;
  private final Misbehaviour misbehaviour;
  private BallotVerifier verifier;
  private Outbox outbox;
  private SentLog sent;
  private GroupCommit durability;
  private ReplicaLoop loop;
  private BlockReader blocks;
  private ConsensusReader consensus;
  private RequestReader requests;

  public KafkaReplica(PbftConfig pbft, Ed25519.KeyPair key, Ledger ledger, Path dataDir, KafkaClients clients,
                      Topics topics, ReplicaMetrics metrics) {
    this(pbft, key, ledger, dataDir, clients, topics, metrics, Misbehaviour.none());
  }

  /** A replica whose honest core's actions {@code misbehaviour} rewrites before they are carried out. */
  public KafkaReplica(PbftConfig pbft, Ed25519.KeyPair key, Ledger ledger, Path dataDir, KafkaClients clients,
                      Topics topics, ReplicaMetrics metrics, Misbehaviour misbehaviour) {
    this.pbft = pbft;
    this.key = key;
    this.ledger = ledger;
    this.dataDir = dataDir;
    this.clients = clients;
    this.topics = topics;
    this.metrics = metrics;
    this.misbehaviour = misbehaviour;
  }

  public void start() throws InterruptedException {
    int id = pbft.id();
    verifier = new BallotVerifier("replica-" + id, Runtime.getRuntime().availableProcessors());
    outbox = new Outbox(clients.producer(), topics, id, key);
    blocks = new BlockReader(id, clients.consumer(KafkaClients.Reader.BLOCKS), topics, pbft.cluster(), verifier, metrics, ledger::height);
    catchUpBeforeJoining();
    ledger.sync(); // the sent log below opens at this height and forgets what is below it

    sent = SentLog.open(dataDir, ledger.height());
    durability = new GroupCommit(id, metrics);
    // View 0 to begin with: the Restored event moves the core to the view its sent log says it was in.
    VerifiedSignatures verified = VerifiedSignatures.forLog(pbft.watermarkWindow(), pbft.cluster().n());
    Pbft core = new Pbft(pbft, verified.signer(key), verified.verifier(pbft.cluster()), ledger.height(), 0);
    ReplicaLoop started = new ReplicaLoop(id, new ActionRunner(id, core, ledger, sent,
        new StableCheckpointFile(dataDir), outbox, durability, metrics, misbehaviour));
    loop = started;
    consensus = new ConsensusReader(id, clients.consumer(KafkaClients.Reader.CONSENSUS), topics,
        new ConsensusGate(id, pbft.cluster(), verifier, verified, () -> started.status().stableCheckpoint()), metrics);
    requests = new RequestReader(id, clients.consumer(KafkaClients.Reader.REQUESTS), topics, verifier, metrics);
    long consensusFrom = consensus.startOffset(CONSENSUS_LOOKBACK_MILLIS, System.currentTimeMillis());
    long requestsFrom = ledger.requests().resumeOffset(); // read before the loop owns the ledger

    durability.start();
    loop.start();
    consensus.startAt(consensusFrom, loop);
    requests.startAt(requestsFrom, loop);
    blocks.start(loop);
    log.info("replica {} joined at height {}: reading {} from offset {}, {} from offset {}", id, ledger.height(),
        topics.consensus(), consensusFrom, topics.requests(), requestsFrom);
  }

  /** The latest status snapshot; safe from any thread. */
  public ReplicaStatus status() {
    return loop == null ? new ReplicaStatus(pbft.id(), 0, pbft.primary(0), ledger.height(), 0, ledger.head())
        : loop.status();
  }

  public int pendingRequests() {
    return loop == null ? 0 : loop.pendingRequests();
  }

  /** False once the event loop stopped (closed, or failed: see the log). */
  public boolean isRunning() {
    return loop != null && loop.isRunning();
  }

  /** Executes every certified block already on {@code bft.blocks}, before the core exists. */
  private void catchUpBeforeJoining() throws InterruptedException {
    long before = ledger.height();
    CatchUp catchUp = new CatchUp(ledger);
    blocks.readToEnd(block -> {
      for (ExecutedBlock executed : catchUp.offer(block)) {
        metrics.blockExecuted();
        executed.outcomes().forEach(metrics::ballotExecuted);
      }
      return true;
    });
    if (ledger.height() > before) {
      log.info("replica {} caught up from height {} to {} from {}", pbft.id(), before, ledger.height(), topics.blocks());
    }
  }

  /**
   * Stops the readers first (nothing new comes in), then the loop, then the durability thread,
   * which syncs and publishes what the loop handed it, then publishing. Idempotent.
   */
  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {requests, consensus, blocks, loop, durability, outbox, verifier,
        sent}) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        log.warn("replica {}: closing {} failed: {}", pbft.id(), part.getClass().getSimpleName(), e.toString());
      }
    }
    requests = null;
    consensus = null;
    blocks = null;
    durability = null;
    outbox = null;
    verifier = null;
    sent = null;
  }
}
