package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A voter's signed ballot, exactly as DESIGN.md defines it. Construction does not validate, so
 * that bad input can be represented and rejected with a reason: see {@link #problem()}.
 */
@JsonPropertyOrder({"election", "voter", "candidate", "nonce", "signature"})
public record Ballot(String election, String voter, String candidate, String nonce, String signature) {
  public static final String DOMAIN = "bftvote/ballot/v1";

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
    return Bytes.sha256Hex(signedBytes());
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
    if (!isCanonical(voter)) return "voter is not canonical base64url: its last character sets bits past the 32-byte key;"
        + " encode the key with a standard base64url encoder";
    if (!Ed25519.isValidPublicKey(voter)) return "voter is not a valid Ed25519 public key";
    if (!Spelling.isBase64url(signature, 86, 86)) {
      return "signature must be the base64url (unpadded, 86 chars) of a 64-byte Ed25519 signature";
    }
    if (!isCanonical(signature)) return "signature is not canonical base64url: its last character sets bits past the 64-byte"
        + " signature; encode it with a standard base64url encoder";
    return null;
  }

  /**
   * The last character of unpadded base64url carries bits the decoder ignores, so one key has
   * several spellings. The voter string is the voter's identity in the ledger, so only the one
   * canonical spelling is accepted — otherwise one key could vote once per spelling.
   */
  private static boolean isCanonical(String b64url) {
    return Bytes.b64url(Bytes.fromB64url(b64url)).equals(b64url);
  }

  /** True if the signature verifies under the voter's key. Costs one Ed25519 verification. */
  @JsonIgnore
  public boolean hasValidSignature() {
    return problem() == null && Ed25519.verify(voter, signedBytes(), signature);
  }
}
