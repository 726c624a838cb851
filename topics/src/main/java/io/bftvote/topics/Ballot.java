package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A voter's signed ballot, exactly as DESIGN.md defines it. Construction does not validate, so
 * that bad input can be represented and rejected with a reason: see {@link #problem()}.
 *
 * <p>A value like a record (same accessors, equals, hashCode and toString), but a class so that it
 * can remember its request id: a replica asks for it about a dozen times between reading a ballot
 * and replying to it (request queue, guards, batch digest, ledger, outbox), and hashing it anew
 * each time was 14 % of all the bytes a loaded devnet allocated.
 */
@JsonPropertyOrder({"election", "voter", "candidate", "nonce", "signature"})
public final class Ballot {
  public static final String DOMAIN = "bftvote/ballot/v1";

  private final String election;
  private final String voter;
  private final String candidate;
  private final String nonce;
  private final String signature;
  /**
   * Computed on first use. Racy like {@code String.hashCode}, and safe as that is: a String is
   * immutable, so a thread sees either null (and computes the same value) or the whole string.
   */
  private transient String requestId;

  public Ballot(@JsonProperty("election") String election, @JsonProperty("voter") String voter,
      @JsonProperty("candidate") String candidate, @JsonProperty("nonce") String nonce,
      @JsonProperty("signature") String signature) {
    this.election = election;
    this.voter = voter;
    this.candidate = candidate;
    this.nonce = nonce;
    this.signature = signature;
  }

  @JsonProperty("election")
  public String election() {
    return election;
  }

  @JsonProperty("voter")
  public String voter() {
    return voter;
  }

  @JsonProperty("candidate")
  public String candidate() {
    return candidate;
  }

  @JsonProperty("nonce")
  public String nonce() {
    return nonce;
  }

  @JsonProperty("signature")
  public String signature() {
    return signature;
  }

  /** Signs a ballot with the voter's key; the voter id is that key's public half. */
  public static Ballot sign(Ed25519.KeyPair voterKey, String election, String candidate, String nonce) {
    String voter = voterKey.publicKey();
    String signature = voterKey.signB64(signedBytes(election, voter, candidate, nonce));
    return new Ballot(election, voter, candidate, nonce, signature);
  }

  /** The bytes a voter signs: the domain, then each field, joined by newlines, no trailing newline. */
  public static byte[] signedBytes(String election, String voter, String candidate, String nonce) {
    return Bytes.utf8(DOMAIN + '\n' + election + '\n' + voter + '\n' + candidate + '\n' + nonce);
  }

  @JsonIgnore
  public byte[] signedBytes() {
    return signedBytes(election, voter, candidate, nonce);
  }

  /** The request id: lowercase hex SHA-256 of the signed bytes, so resubmission is idempotent. */
  @JsonIgnore
  public String requestId() {
    String id = requestId;
    if (id == null) {
      id = Bytes.sha256Hex(signedBytes());
      requestId = id;
    }
    return id;
  }

  /** True if {@code text} is spelled as a request id is: 64 lowercase hex characters (a SHA-256). */
  public static boolean isRequestId(String text) {
    return text != null && Spelling.isLowerHex(text, 64);
  }

  /**
   * The first reason this ballot is malformed, or null if every field has the right format.
   * Formats only: the signature itself is checked by {@link #hasValidSignature()}.
   */
  @JsonIgnore
  public String problem() {
    if (election == null) return "missing field: election";
    if (voter == null) return "missing field: voter";
    if (candidate == null) return "missing field: candidate";
    if (nonce == null) return "missing field: nonce";
    if (signature == null) return "missing field: signature";
    if (!Spelling.isName(election)) return "election must match [a-z0-9][a-z0-9_-]{0,63}";
    if (!Spelling.isName(candidate)) return "candidate must match [a-z0-9][a-z0-9_-]{0,63}";
    if (!Spelling.isBase64url(nonce, 1, 64)) return "nonce must match [A-Za-z0-9_-]{1,64}";
    if (!Spelling.isBase64url(voter, 43, 43)) {
      return "voter must be the base64url (unpadded, 43 chars) of a 32-byte Ed25519 public key";
    }
    if (!Spelling.isCanonicalBase64url(voter)) {
      return "voter is not canonical base64url: its last character sets bits past the 32-byte key;"
          + " encode the key with a standard base64url encoder";
    }
    if (!Ed25519.isValidPublicKey(voter)) return "voter is not a valid Ed25519 public key";
    if (!Spelling.isBase64url(signature, 86, 86)) {
      return "signature must be the base64url (unpadded, 86 chars) of a 64-byte Ed25519 signature";
    }
    if (!Spelling.isCanonicalBase64url(signature)) {
      return "signature is not canonical base64url: its last character sets bits past the 64-byte"
          + " signature; encode it with a standard base64url encoder";
    }
    return null;
  }

  /** The voter's signature over this ballot, as {@link Ed25519#verifyAll} takes it. */
  @JsonIgnore
  public Ed25519.Signed signed() {
    return new Ed25519.Signed(voter, signedBytes(), signature);
  }

  /** True if the signature verifies under the voter's key. Costs one Ed25519 verification. */
  @JsonIgnore
  public boolean hasValidSignature() {
    return problem() == null && Ed25519.verify(voter, signedBytes(), signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ballot b && Objects.equals(election, b.election) && Objects.equals(voter, b.voter)
        && Objects.equals(candidate, b.candidate) && Objects.equals(nonce, b.nonce)
        && Objects.equals(signature, b.signature);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(election);
    h = 31 * h + Objects.hashCode(voter);
    h = 31 * h + Objects.hashCode(candidate);
    h = 31 * h + Objects.hashCode(nonce);
    return 31 * h + Objects.hashCode(signature);
  }

  /** As a record would print it, so logs read as before. */
  @Override
  public String toString() {
    return "Ballot[election=" + election + ", voter=" + voter + ", candidate=" + candidate + ", nonce=" + nonce
        + ", signature=" + signature + "]";
  }
}
