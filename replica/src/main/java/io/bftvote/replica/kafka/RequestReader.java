package io.bftvote.replica.kafka;

import io.bftvote.replica.admin.ReplicaMetrics;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;
import io.bftvote.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads client ballots from {@code bft.requests}. A malformed record or a ballot whose signature
 * fails is counted and skipped; the rest go to the event loop with their offsets, so the ledger can
 * keep the point a restart resumes from. The gateway checks ballots too, but a replica trusts no
 * one: anybody can write to the topic.
 */
final class RequestReader extends TopicReader {
  static final String MALFORMED = "malformed";
  static final String BAD_SIGNATURE = "bad-signature";
  private static final Logger log = LoggerFactory.getLogger(RequestReader.class);

  private final int id;
  private final BallotVerifier verifier;
  private final ReplicaMetrics metrics;
  private final FirstTimeLog firstDrop = new FirstTimeLog();

  RequestReader(int id, Consumer<String, byte[]> consumer, Topics topics, BallotVerifier verifier,
                ReplicaMetrics metrics) {
    super("replica-" + id + "-requests", consumer, topics.requests());
    this.id = id;
    this.verifier = verifier;
    this.metrics = metrics;
  }

  @Override
  void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<Ballot> ballots = new ArrayList<>(records.count());
    List<Long> offsets = new ArrayList<>(records.count());
    long next = -1;
    for (ConsumerRecord<String, byte[]> record : records) {
      next = record.offset() + 1;
      Ballot ballot = parse(record);
      if (ballot != null) {
        ballots.add(ballot);
        offsets.add(record.offset());
      }
    }
    List<Boolean> valid = verifier.validity(ballots);
    for (int i = 0; i < ballots.size(); i++) {
      if (!valid.get(i)) {
        drop(BAD_SIGNATURE, offsets.get(i), "the signature does not verify under the voter's key");
      } else if (!submit(new Input.RequestArrived(ballots.get(i), offsets.get(i)))) {
        return;
      }
    }
    submit(new Input.RequestsRead(next));
  }

  private Ballot parse(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      drop(MALFORMED, record.offset(), "no value");
      return null;
    }
    try {
      Ballot ballot = Json.read(record.value(), Ballot.class);
      String problem = ballot.problem();
      if (problem != null) {
        drop(MALFORMED, record.offset(), problem);
        return null;
      }
      return ballot;
    } catch (Json.MalformedException e) {
      drop(MALFORMED, record.offset(), e.getMessage());
      return null;
    }
  }

  private void drop(String reason, long offset, String detail) {
    metrics.dropped(Topics.REQUESTS, reason);
    if (firstDrop.firstTime(reason)) {
      log.warn("replica {} skipped the {} record at offset {}: {} ({}; later ones are only counted in /metrics)",
          id, Topics.REQUESTS, offset, reason, detail);
    }
  }
}
