package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A signed PBFT message on {@code bft.consensus}. One shape for every phase keeps the evidence of
 * an equivocation readable and re-verifiable by anyone:
 *
 * <ul>
 *   <li>{@code pre-prepare}: ⟨PRE-PREPARE, v, n, d⟩ with the batch of ballots {@code batch} whose
 *       {@link BatchDigest} is d (the batch itself is bound by the digest, as in PBFT §4.2);
 *   <li>{@code prepare}, {@code commit}: ⟨PREPARE|COMMIT, v, n, d, i⟩;
 *   <li>{@code checkpoint}: ⟨CHECKPOINT, n, d, i⟩ where d is the state digest at n (view unused, 0);
 *   <li>{@code view-change}, {@code new-view}: their contents travel in {@code payload}, and d is
 *       the SHA-256 of the payload's canonical JSON, so the signature covers it.
 * </ul>
 *
 * {@code to} is null for a broadcast; honest replicas always broadcast and ignore messages
 * addressed to someone else. It is signed, so a message cannot be re-addressed.
 */
@JsonPropertyOrder({"phase", "view", "sequence", "digest", "sender", "to", "batch", "payload", "signature"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsensusMessage(
    Phase phase,
    long view,
    long sequence,
    String digest,
    int sender,
    Integer to,
    List<Ballot> batch,
    JsonNode payload,
    String signature) {
  public static final String DOMAIN = "bftvote/consensus/v1";

  /** An unsigned message; sign it with {@link #signedBy}. */
  public static ConsensusMessage of(Phase phase, long view, long sequence, String digest, int sender) {
    return new ConsensusMessage(phase, view, sequence, digest, sender, null, null, null, null);
  }

  public ConsensusMessage withBatch(List<Ballot> ballots) {
    return new ConsensusMessage(phase, view, sequence, digest, sender, to, List.copyOf(ballots), payload, null);
  }

  public ConsensusMessage withPayload(JsonNode body) {
    return new ConsensusMessage(phase, view, sequence, digest, sender, to, batch, body, null);
  }

  /** The same message addressed to one replica (only a Byzantine replica does this). */
  public ConsensusMessage addressedTo(Integer recipient) {
    return new ConsensusMessage(phase, view, sequence, digest, sender, recipient, batch, payload, null);
  }

  public ConsensusMessage signedBy(Ed25519.KeyPair key) {
    return new ConsensusMessage(phase, view, sequence, digest, sender, to, batch, payload, key.signB64(signedBytes()));
  }

  /** Domain, phase, view, sequence, digest, sender and recipient ("*" for all), one per line. */
  @JsonIgnore
  public byte[] signedBytes() {
    return Bytes.utf8(DOMAIN + '\n' + phase.wire() + '\n' + view + '\n' + sequence + '\n' + digest + '\n'
        + sender + '\n' + (to == null ? "*" : to.toString()));
  }

  /** True if signed by the key of the replica it names as sender. */
  public boolean hasValidSignature(Cluster cluster) {
    return signature != null && digest != null && phase != null && cluster.isReplica(sender)
        && Ed25519.verify(cluster.publicKey(sender), signedBytes(), signature);
  }

  /**
   * True if both say the same signed thing with the same signature: equal in every field the
   * signature covers, whatever rides along unsigned (a batch, a payload).
   */
  public boolean sameSigned(ConsensusMessage other) {
    return phase == other.phase && view == other.view && sequence == other.sequence && sender == other.sender
        && Objects.equals(to, other.to) && Objects.equals(digest, other.digest)
        && Objects.equals(signature, other.signature);
  }

  /** True if a replica with this id should process it: broadcasts, and messages addressed to it. */
  public boolean isFor(int replica) {
    return to == null || to == replica;
  }

  @Override
  public String toString() {
    return phase + "(v=" + view + ", n=" + sequence + ", d=" + shortDigest() + ", from=" + sender
        + (to == null ? "" : ", to=" + to) + ")";
  }

  private String shortDigest() {
    return digest == null || digest.length() < 8 ? String.valueOf(digest) : digest.substring(0, 8);
  }
}
