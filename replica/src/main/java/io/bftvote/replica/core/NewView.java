package io.bftvote.replica.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.List;

/**
 * ⟨NEW-VIEW, v+1, V, O⟩ of PBFT §4.4, decoded: the new primary's proof that 2f+1 replicas asked
 * for view v+1 (V, their signed view-changes) and its pre-prepares for view v+1 (O). O is fully
 * determined by V (see {@link NewViewPlan}), so every replica recomputes it instead of trusting
 * it. Neither V nor O carries a batch (the signatures cover digests only): each replica takes the
 * batch behind a re-proposed digest from those it accepted before ({@link Batches}), or else
 * executes that sequence from a certified block of a replica that has it. So a NEW-VIEW is at most
 * 2f+1 view-changes of L certificates each, plus L pre-prepares. The sequence field holds the
 * stable checkpoint the new view starts from.
 */
record NewView(ConsensusMessage signed, List<ConsensusMessage> viewChanges, List<ConsensusMessage> prePrepares) {
  NewView {
    viewChanges = List.copyOf(viewChanges);
    prePrepares = List.copyOf(prePrepares);
  }

  static ConsensusMessage create(long view, long startSequence, List<ConsensusMessage> viewChanges,
                                 List<ConsensusMessage> prePrepares, int sender, Signer signer) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.set("viewChanges", Payloads.array(viewChanges));
    payload.set("prePrepares", Payloads.array(prePrepares));
    return signer.sign(ConsensusMessage.of(Phase.NEW_VIEW, view, startSequence, Payloads.digest(payload), sender)
        .withPayload(payload));
  }

  static NewView decode(ConsensusMessage signed, int n, int maxPrePrepares) throws Payloads.Malformed {
    JsonNode payload = Payloads.payloadOf(signed);
    return new NewView(signed, Payloads.messages(payload, "viewChanges", n),
        Payloads.messages(payload, "prePrepares", maxPrePrepares));
  }
}
