package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyVerifier;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the replies read from {@code bft.replies} towards outcomes in the {@link OutcomeBook}, as
 * a PBFT client does (§4.1): final at f+1 matching replies, validly signed by distinct replicas.
 * When a reply makes a vote final, {@code onDecided} hears of it.
 *
 * <p>The cheap fields are checked first, and a second reply from a replica already counted for a
 * vote is skipped unverified. Replicas sign their replies once per block (a Merkle root that the
 * {@link ReplyVerifier} checks once), so a reply costs a few hashes: replies that come after the
 * outcome is final are still checked and counted as confirmations.
 */
final class ReplyCollector implements Consumer<ConsumerRecord<String, byte[]>> {
  private static final Logger log = LoggerFactory.getLogger(ReplyCollector.class);

  private final Cluster cluster;
  private final ReplyVerifier verifier;
  private final OutcomeBook book;
  private final GatewayMetrics metrics;
  private final Consumer<VoteStatus> onDecided;

  ReplyCollector(Cluster cluster, ReplyVerifier verifier, OutcomeBook book, GatewayMetrics metrics,
      Consumer<VoteStatus> onDecided) {
    this.cluster = cluster;
    this.verifier = verifier;
    this.book = book;
    this.metrics = metrics;
    this.onDecided = onDecided;
  }

  @Override
  public void accept(ConsumerRecord<String, byte[]> record) {
    Reply reply;
    try {
      reply = Json.read(record.value() == null ? new byte[0] : record.value(), Reply.class);
    } catch (Json.MalformedException e) {
      ignore(new Rejection("unreadable", "not a reply: " + e.getMessage()), record);
      return;
    }
    Rejection form = ReplyCheck.formProblem(reply, cluster);
    if (form != null) {
      ignore(form, record);
      return;
    }
    if (!book.awaits(reply.requestId(), reply.replica())) {
      metrics.replySkipped(); // this replica already counted for this vote: it changes nothing
      return;
    }
    Rejection signature = ReplyCheck.signatureProblem(reply, verifier);
    if (signature != null) {
      ignore(signature, record);
      return;
    }
    metrics.replyCounted();
    Optional<VoteStatus> decided = book.record(reply.requestId(), reply.replica(), Verdict.of(reply));
    decided.ifPresent(status -> {
      log.debug("vote {} is final: {} at height {}", status.id(), status.status(), status.height());
      onDecided.accept(status);
    });
  }

  private void ignore(Rejection problem, ConsumerRecord<String, byte[]> record) {
    metrics.replyInvalid(problem.code());
    log.warn("ignoring the reply at {}@{}: {}", record.topic(), record.offset(), problem.message());
  }
}
