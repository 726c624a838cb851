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
 * field holds n, and the digest is that of the payload. As in the paper, P names each request by
 * its digest: the pre-prepares travel without their batches, which stay with the replicas that
 * accepted them ({@link Batches}), so a view-change is at most L certificates of 2f+1 small
 * signed messages, however full the batches were.
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

  /** Signs a view-change for {@code newView}; its certificates travel without their batches. */
  static ConsensusMessage create(long newView, StableCheckpoint checkpoint, List<PreparedCertificate> prepared,
                                 int sender, Signer signer) {
    ObjectNode payload = encode(checkpoint, prepared);
    return signer.sign(ConsensusMessage.of(Phase.VIEW_CHANGE, newView, checkpoint.sequence(),
        Payloads.digest(payload), sender).withPayload(payload));
  }

  /** C and P as the payload holds them: bare signed messages, each pre-prepare digest-only. */
  private static ObjectNode encode(StableCheckpoint checkpoint, List<PreparedCertificate> prepared) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.set("checkpoint", Payloads.bareArray(checkpoint.proof()));
    ArrayNode certificates = payload.putArray("prepared");
    for (PreparedCertificate certificate : prepared) {
      ObjectNode entry = certificates.addObject();
      entry.set("prePrepare", Json.MAPPER.<JsonNode>valueToTree(Payloads.bare(certificate.prePrepare())));
      entry.set("prepares", Payloads.bareArray(certificate.prepares()));
    }
    return payload;
  }

  /**
   * Reads C and P from the payload. Says nothing about whether they hold: that is
   * {@link ViewChangeGuards#viewChangeProblem}'s job. The digest must be that of C and P as
   * {@link #create} writes them, bare signed messages and nothing else, so the signature covers
   * exactly what was read; the view-change kept is that payload, never the one that came (a new
   * primary quotes view-changes in its NEW-VIEW word for word, and one padded view-change must not
   * make that NEW-VIEW too large to send). One serialisation and one hash: under overload at
   * n = 7, decoding view-changes took over a third of the replicas' event loops.
   */
  static ViewChange decode(ConsensusMessage signed, int maxCertificates, int n) throws Payloads.Malformed {
    if (signed.batch() != null) {
      throw new Payloads.Malformed("a view-change carries no batch"); // unsigned, it would ride along in a NEW-VIEW
    }
    JsonNode payload = Payloads.objectPayload(signed);
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
    StableCheckpoint checkpoint = new StableCheckpoint(signed.sequence(), digest, proof);
    ObjectNode canonical = encode(checkpoint, prepared);
    if (!Payloads.digest(canonical).equals(signed.digest())) {
      throw new Payloads.Malformed("a view-change's digest is the SHA-256 of C and P and nothing else: bare signed "
          + "messages, each pre-prepare without its batch");
    }
    ConsensusMessage kept = new ConsensusMessage(signed.phase(), signed.view(), signed.sequence(), signed.digest(),
        signed.sender(), signed.to(), null, canonical, signed.signature());
    return new ViewChange(kept, checkpoint, prepared);
  }
}
