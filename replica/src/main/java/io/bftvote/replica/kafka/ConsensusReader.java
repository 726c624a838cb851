package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bft.consensus}, the replicas' shared channel, through the {@link ConsensusGate}:
 * what fails a check is counted by reason (the first of each kind logged with its details) and
 * never reaches the core.
 */
final class ConsensusReader extends TopicReader {
  static final String MALFORMED = "malformed";
  private static final Logger log = LoggerFactory.getLogger(ConsensusReader.class);

  private final int id;
  private final ConsensusGate gate;
  private final ReplicaMetrics metrics;
  private final FirstTimeLog firstDrop = new FirstTimeLog();

  ConsensusReader(int id, Consumer<String, byte[]> consumer, Topics topics, ConsensusGate gate,
                  ReplicaMetrics metrics) {
    super("replica-" + id + "-consensus", consumer, topics.consensus());
    this.id = id;
    this.gate = gate;
    this.metrics = metrics;
  }

  /**
   * Where to start after a (re)start: a little in the past rather than at the end, so messages
   * peers sent while this replica was starting — their re-sends after their own restart, say —
   * are not missed. What it has already executed is skipped without verification.
   */
  long startOffset(long lookbackMillis, long nowEpochMillis) {
    Map<?, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(partition, nowEpochMillis - lookbackMillis));
    OffsetAndTimestamp at = found.get(partition);
    return at != null ? at.offset() : consumer.endOffsets(java.util.List.of(partition)).get(partition);
  }

  @Override
  void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<ConsensusMessage> fresh = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      ConsensusMessage message = parse(record);
      if (message != null && !gate.isStale(message)) {
        fresh.add(message);
        offsets.add(record.offset());
      }
    }
    boolean[] signed = gate.signaturesHold(fresh);
    String[] problems = new String[fresh.size()];
    List<ConsensusMessage> passed = new ArrayList<>(fresh.size());
    for (int i = 0; i < fresh.size(); i++) {
      problems[i] = gate.problem(fresh.get(i), signed[i]);
      if (problems[i] == null) {
        passed.add(fresh.get(i));
      }
    }
    gate.verifyQuoted(passed);
    for (int i = 0; i < fresh.size(); i++) {
      ConsensusMessage message = fresh.get(i);
      String problem = problems[i];
      if (problem != null) {
        drop(problem, offsets.get(i), message.toString());
        if (provesInvalidProposal(problem, message)) {
          blameProvenProposer(message);
          if (!submit(new Input.InvalidProposal(message))) {
            return;
          }
        }
        continue;
      }
      if (gate.isOwnEcho(message)) {
        // The core logged it when sent. Checked all the same, as a forgery in our name is news; the
        // genuine copy costs a hash, known from its signing (VerifiedSignatures#signer).
        continue;
      }
      metrics.received(message.phase());
      if (!submit(new Input.MessageArrived(message))) {
        return;
      }
    }
  }

  private ConsensusMessage parse(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.value() == null) {
        throw new Json.MalformedException("no value");
      }
      return Json.read(record.value(), ConsensusMessage.class);
    } catch (Json.MalformedException e) {
      drop(MALFORMED, record.offset(), e.getMessage());
      return null;
    }
  }

  private void drop(String reason, long offset, String detail) {
    metrics.dropped(Topics.CONSENSUS, reason);
    if (firstDrop.firstTime(reason)) {
      log.warn("replica {} dropped the {} record at offset {}: {} ({}; later ones are only counted in /metrics)",
          id, Topics.CONSENSUS, offset, reason, detail);
    }
  }

  /**
   * A validly signed pre-prepare whose digest really is its batch's, holding a ballot that fails
   * its signature check: the primary signed off on an invalid ballot. (If the digest did not match,
   * the batch may have been swapped after signing, which proves nothing about the primary.)
   */
  private static boolean provesInvalidProposal(String problem, ConsensusMessage message) {
    return ConsensusGate.INVALID_BALLOT.equals(problem) && message.digest().equals(BatchDigest.of(message.batch()));
  }

  private void blameProvenProposer(ConsensusMessage message) {
    if (metrics.misbehaved(message.sender(), ConsensusGate.INVALID_BALLOT)) {
      log.warn("replica {} caught replica {} proposing an invalid ballot in {}", id, message.sender(), message);
    }
  }
}
