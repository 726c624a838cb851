package io.bftvote.replica.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * ⟨VIEW-CHANGE, v+1, n, C, P, i⟩ of PBFT §4.4, decoded: replica i asks for view v+1, proving its
 * last stable checkpoint n with C (2f+1 signed checkpoints) and listing in P a prepared
 * certificate for every sequence above n it prepared. On the wire C and P travel in the payload
 * ({@code {"checkpoint":[...],"prepared":[{"prePrepare":...,"prepares":[...]}]}}), the sequence
 * field holds n, and the digest is that of the payload.
 */
record ViewChange(ConsensusMessage signed, StableCheckpoint checkpoint, List<PreparedCertificate> prepared) {
  ViewChange {
    prepared = List.copyOf(prepared);
  }

  long view() {
    return signed.view();
  }

  int sender() {
    return signed.sender();
  }

  /** Signs a view-change for {@code newView}. */
  static ConsensusMessage create(long newView, StableCheckpoint checkpoint, List<PreparedCertificate> prepared,
                                 int sender, Signer signer) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.set("checkpoint", Payloads.array(checkpoint.proof()));
    ArrayNode certificates = payload.putArray("prepared");
    for (PreparedCertificate certificate : prepared) {
      ObjectNode entry = certificates.addObject();
      entry.set("prePrepare", Json.MAPPER.<JsonNode>valueToTree(certificate.prePrepare()));
      entry.set("prepares", Payloads.array(certificate.prepares()));
    }
    return signer.sign(ConsensusMessage.of(Phase.VIEW_CHANGE, newView, checkpoint.sequence(),
        Payloads.digest(payload), sender).withPayload(payload));
  }

  /**
   * Reads C and P from the payload. Says nothing about whether they hold: that is
   * {@link ViewChangeGuards#viewChangeProblem}'s job.
   */
  static ViewChange decode(ConsensusMessage signed, int maxCertificates, int n) throws Payloads.Malformed {
    JsonNode payload = Payloads.payloadOf(signed);
    List<ConsensusMessage> proof = Payloads.messages(payload, "checkpoint", n);
    String digest = proof.isEmpty() ? null : proof.get(0).digest();
    JsonNode entries = payload.get("prepared");
    if (entries == null || !entries.isArray() || entries.size() > maxCertificates) {
      throw new Payloads.Malformed("view-change 'prepared' must be an array of at most " + maxCertificates);
    }
    List<PreparedCertificate> prepared = new ArrayList<>(entries.size());
    for (JsonNode entry : entries) {
      JsonNode prePrepare = entry.get("prePrepare");
      if (prePrepare == null) {
        throw new Payloads.Malformed("a prepared certificate lacks its pre-prepare");
      }
      prepared.add(new PreparedCertificate(Payloads.message(prePrepare), Payloads.messages(entry, "prepares", n)));
    }
    return new ViewChange(signed, new StableCheckpoint(signed.sequence(), digest, proof), prepared);
  }
}
