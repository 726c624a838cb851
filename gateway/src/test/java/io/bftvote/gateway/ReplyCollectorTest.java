package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Reply;
import io.bftvote.topics.ReplyTree;
import io.bftvote.topics.ReplyVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReplyCollectorTest {
  private static final String ID = "ab".repeat(32);
  private static final String OTHER_ID = "cd".repeat(32);
  private final TestCluster replicas = new TestCluster();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReplyVerifier verifier = new ReplyVerifier(replicas.cluster);
  private final OutcomeBook book = new OutcomeBook(4, replicas.cluster.replyQuorum(), 100);
  private final List<VoteStatus> decided = new ArrayList<>();
  private final ReplyCollector collector = new ReplyCollector(replicas.cluster, verifier, book,
      new GatewayMetrics(registry, new BrokerContact()), decided::add);
  private long offset;

  @Test
  void fPlusOneMatchingSignedRepliesMakeTheVoteFinalOnce() {
    offer(replicas.reply(0, ID, Outcome.ACCEPTED, 7));
    assertTrue(decided.isEmpty(), "one reply may come from the faulty replica");
    offer(replicas.reply(2, ID, Outcome.ACCEPTED, 7));
    assertEquals(List.of(new VoteStatus(ID, "accepted", null, 7L, 2)), decided);
  }

  @Test
  void aForgedReplyAmongFPlusOneNeverMakesTheVoteFinal() {
    offer(replicas.reply(0, ID, Outcome.ACCEPTED, 7));
    offer(Reply.of(ID, Outcome.ACCEPTED, 7, 1).signedBy(replicas.keys.get(3))); // replica 3 posing as 1
    offer(Reply.of(ID, Outcome.ACCEPTED, 7, 2).signedBy(Ed25519.KeyPair.generate()));
    assertTrue(decided.isEmpty());
    assertEquals("pending", book.status(ID).orElseThrow().status());
    assertEquals(2.0, registry.get("gateway.replies.invalid").tag("reason", "bad-signature").counter().count());

    offer(replicas.reply(1, ID, Outcome.ACCEPTED, 7)); // the real replica 1 still counts after its forger
    assertEquals(1, decided.size());
  }

  @Test
  void aGenuineRootAndSignatureDoNotCoverAnotherOutcome() {
    List<Reply> block = ReplyTree.sign(List.of(Reply.of(ID, Outcome.ACCEPTED, 7, 1),
        Reply.of(OTHER_ID, Outcome.ACCEPTED, 7, 1)), replicas.keys.get(1));
    Reply genuine = block.get(0);
    offer(replicas.reply(0, ID, Outcome.ALREADY_VOTED, 7));
    offer(new Reply(ID, "rejected", "already-voted", 7, 1, genuine.root(), genuine.proof(), genuine.signature()));
    assertTrue(decided.isEmpty(), "replica 1 signed 'accepted' for this vote, not a rejection");
  }

  @Test
  void repliesAfterTheOutcomeIsFinalConfirmItButOnlyIfGenuine() {
    offer(replicas.reply(0, ID, Outcome.ACCEPTED, 7));
    offer(replicas.reply(1, ID, Outcome.ACCEPTED, 7));
    assertEquals(2, book.status(ID).orElseThrow().confirmations());

    offer(replicas.reply(2, ID, Outcome.ACCEPTED, 7));
    offer(Reply.of(ID, Outcome.ACCEPTED, 7, 3).signedBy(Ed25519.KeyPair.generate()));

    assertEquals(3, book.status(ID).orElseThrow().confirmations(), "the forged reply from 3 does not confirm");
    assertEquals(1, decided.size(), "a vote is decided once");
  }

  @Test
  void aReplicasSecondReplyForOneVoteIsNotVerified() {
    offer(replicas.reply(0, ID, Outcome.ACCEPTED, 7));
    long checks = verifier.signatureChecks();
    offer(replicas.reply(0, ID, Outcome.ALREADY_VOTED, 8));
    assertEquals(checks, verifier.signatureChecks());
    assertEquals(1.0, registry.get("gateway.replies.skipped").counter().count());
  }

  @Test
  void aMalformedReplyIsRefusedBeforeAnySignatureIsChecked() {
    offer(replicas.reply(0, ID.toUpperCase(), Outcome.ACCEPTED, 7));
    collector.accept(new ConsumerRecord<>("bft.replies", 0, offset++, ID, "not json".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, verifier.signatureChecks());
    assertEquals(1.0, registry.get("gateway.replies.invalid").tag("reason", "bad-request-id").counter().count());
    assertEquals(1.0, registry.get("gateway.replies.invalid").tag("reason", "unreadable").counter().count());
  }

  @Test
  void oneSignaturePerReplicaAndBlockCoversAllItsReplies() {
    List<Reply> block = ReplyTree.sign(List.of(Reply.of(ID, Outcome.ACCEPTED, 7, 0),
        Reply.of(OTHER_ID, Outcome.ACCEPTED, 7, 0)), replicas.keys.get(0));
    block.forEach(this::offer);
    assertEquals(1, verifier.signatureChecks());
    assertEquals(2.0, registry.get("gateway.replies.counted").counter().count());
  }

  private void offer(Reply reply) {
    collector.accept(new ConsumerRecord<>("bft.replies", 0, offset++, reply.requestId(), Json.write(reply)));
  }
}
