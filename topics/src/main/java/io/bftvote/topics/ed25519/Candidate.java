package io.bftvote.topics.ed25519;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * One signature decoded for the batch equation: public key A, commitment R, response S and the
 * challenge k = SHA-512(R ‖ A ‖ M) mod L. {@link #parse} returns null for anything it is not sure
 * it reads exactly as BouncyCastle does; the caller then asks BouncyCastle about that item alone.
 */
record Candidate(int index, String keyB64, Point a, Point r, BigInteger s, BigInteger k) {

  static Candidate parse(int index, Ed25519.Signed item) {
    try {
      return parseOrNull(index, item);
    } catch (RuntimeException malformed) {
      return null; // bad base64, a null field: the single verification gives the verdict
    }
  }

  private static Candidate parseOrNull(int index, Ed25519.Signed item) {
    byte[] sig = Bytes.fromB64url(item.signatureB64());
    if (sig.length != Ed25519.SIGNATURE_BYTES || item.message() == null) {
      return null;
    }
    Point a = KeyPoints.pointOf(item.publicKeyB64());
    if (a == null) {
      return null;
    }
    BigInteger s = Scalars.fromLittleEndian(sig, 32, 32);
    if (s.compareTo(Scalars.L) >= 0) {
      return null; // S must be reduced: the equation alone would accept S + L
    }
    Point r = Field.decodePoint(sig, 0);
    if (r == null) {
      return null;
    }
    byte[] keyBytes = Bytes.fromB64url(item.publicKeyB64());
    return new Candidate(index, item.publicKeyB64(), a, r, s, challenge(sig, keyBytes, item.message()));
  }

  /**
   * k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given. BouncyCastle hashes its re-encoding of A,
   * which equals the given bytes because it accepted them only if canonical.
   */
  private static BigInteger challenge(byte[] sig, byte[] key, byte[] message) {
    SHA512Digest sha = new SHA512Digest();
    sha.update(sig, 0, 32);
    sha.update(key, 0, key.length);
    sha.update(message, 0, message.length);
    byte[] h = new byte[64];
    sha.doFinal(h, 0);
    return Scalars.fromLittleEndian(h, 0, 64).mod(Scalars.L);
  }
}
