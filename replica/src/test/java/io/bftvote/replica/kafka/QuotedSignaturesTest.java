package io.bftvote.replica.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.replica.core.Verifier;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a view-change or new-view quotes is verified at the edge, all at once, so that when the
 * core checks each quoted signature it finds it known; what does not hold is not remembered, and
 * the core's own check refuses it.
 */
class QuotedSignaturesTest {
  private static final List<Ed25519.KeyPair> KEYS = IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private static final Cluster CLUSTER = new Cluster(KEYS.stream().map(Ed25519.KeyPair::publicKey).toList());
  private static final String DIGEST = "ab".repeat(32);

  private final ConsensusMessage checkpoint = signed(Phase.CHECKPOINT, 0, 128, 2, 2);
  private final ConsensusMessage prePrepare = signed(Phase.PRE_PREPARE, 0, 130, 0, 0);
  private final ConsensusMessage prepare = signed(Phase.PREPARE, 0, 130, 1, 1);
  private final ConsensusMessage forged = signed(Phase.PREPARE, 0, 130, 3, 2); // replica 2's key, replica 3's name
  private final BallotVerifier ballots = new BallotVerifier("test", 1);

  @AfterEach
  void closeVerifier() {
    ballots.close();
  }

  @Test
  void whatAViewChangeQuotesIsKnownBeforeTheCoreChecksItAndAForgeryIsNot() {
    VerifiedSignatures verified = new VerifiedSignatures(64);
    ConsensusMessage viewChange = viewChange(3);

    gate(verified).verifyQuoted(List.of(viewChange));

    assertTrue(verified.holds(checkpoint));
    assertTrue(verified.holds(prePrepare));
    assertTrue(verified.holds(prepare));
    assertFalse(verified.holds(forged));
    List<ConsensusMessage> checkedByTheCore = new ArrayList<>();
    Verifier core = verified.verifier(CLUSTER);
    Verifier counting = m -> {
      if (!verified.holds(m)) {
        checkedByTheCore.add(m);
      }
      return core.verifies(m);
    };
    assertTrue(counting.verifies(prePrepare) && counting.verifies(prepare) && counting.verifies(checkpoint));
    assertFalse(counting.verifies(forged), "the core refuses it all the same");
    assertEquals(List.of(forged), checkedByTheCore, "only the forgery cost the core a signature check");
  }

  @Test
  void aNewViewsViewChangesAndWhatTheyQuoteAreKnownToo() {
    VerifiedSignatures verified = new VerifiedSignatures(64);
    ConsensusMessage viewChange = viewChange(3);
    ConsensusMessage reproposal = signed(Phase.PRE_PREPARE, 1, 130, 1, 1);
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.putArray("viewChanges").add(tree(viewChange));
    payload.putArray("prePrepares").add(tree(reproposal));
    ConsensusMessage newView = ConsensusMessage.of(Phase.NEW_VIEW, 1, 128, DIGEST, 1).withPayload(payload)
        .signedBy(KEYS.get(1));

    gate(verified).verifyQuoted(List.of(newView));

    assertTrue(verified.holds(viewChange), "the view-change, by its signed fields");
    assertTrue(verified.holds(prepare), "what the view-change quotes");
    assertTrue(verified.holds(reproposal));
    assertFalse(verified.holds(forged));
  }

  @Test
  void itReadsNoMoreQuotesThanItsLimitAndLeavesTheRestToTheCore() {
    VerifiedSignatures verified = new VerifiedSignatures(4); // the gate reads half its capacity a message

    gate(verified).verifyQuoted(List.of(viewChange(3)));

    assertEquals(2, verified.size(), "two of the three genuine quotes");
  }

  @Test
  void normalCaseMessagesQuoteNothing() {
    VerifiedSignatures verified = new VerifiedSignatures(64);
    ConsensusMessage withPayload = ConsensusMessage.of(Phase.PREPARE, 0, 130, DIGEST, 3)
        .withPayload(viewChange(3).payload()).signedBy(KEYS.get(3));

    gate(verified).verifyQuoted(List.of(withPayload));

    assertEquals(0, verified.size());
  }

  /** Replica 0's gate, remembering in {@code verified}. */
  private ConsensusGate gate(VerifiedSignatures verified) {
    return new ConsensusGate(0, CLUSTER, ballots, verified, () -> 0);
  }

  /** A view-change's shape: C (a checkpoint) and P (a pre-prepare and two prepares, one forged). */
  private ConsensusMessage viewChange(int sender) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.putArray("checkpoint").add(tree(checkpoint));
    ObjectNode certificate = payload.putArray("prepared").addObject();
    certificate.set("prePrepare", tree(prePrepare));
    ArrayNode prepares = certificate.putArray("prepares");
    prepares.add(tree(prepare));
    prepares.add(tree(forged));
    return ConsensusMessage.of(Phase.VIEW_CHANGE, 1, 128, DIGEST, sender).withPayload(payload)
        .signedBy(KEYS.get(sender));
  }

  private static ConsensusMessage signed(Phase phase, long view, long sequence, int sender, int signer) {
    return ConsensusMessage.of(phase, view, sequence, DIGEST, sender).signedBy(KEYS.get(signer));
  }

  private static JsonNode tree(ConsensusMessage m) {
    return Json.MAPPER.valueToTree(m);
  }
}
