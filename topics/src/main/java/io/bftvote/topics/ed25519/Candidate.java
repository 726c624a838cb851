package io.bftvote.topics.ed25519;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * One signature decoded for the batch equation: public key A, commitment R, response S and the
 * challenge k = SHA-512(R ‖ A ‖ M) mod L, the scalars as eight words. {@link #parse} returns null
 * for anything it is not sure it reads exactly as BouncyCastle does; the caller then asks
 * BouncyCastle about that item alone.
 */
record Candidate(int index, Point a, Point r, int[] s, int[] k) {

  /** One thread's digest and temporaries, so that parsing allocates only what the record keeps. */
  private static final class Decoder {
    final SHA512Digest sha = new SHA512Digest();
    final byte[] hash = new byte[64];
    final int[] wide = new int[Scalars.WIDE];
    final int[] reduceScratch = new int[Scalars.REDUCE_SCRATCH];
    final Point.Scratch scratch = new Point.Scratch();
  }

  private static final ThreadLocal<Decoder> DECODER = ThreadLocal.withInitial(Decoder::new);

  static Candidate parse(int index, Ed25519.Signed item) {
    try {
      return parseOrNull(index, item, DECODER.get());
    } catch (RuntimeException malformed) {
      return null; // bad base64, a null field: the single verification gives the verdict
    }
  }

  private static Candidate parseOrNull(int index, Ed25519.Signed item, Decoder d) {
    byte[] sig = Bytes.fromB64url(item.signatureB64());
    if (sig.length != Ed25519.SIGNATURE_BYTES || item.message() == null) {
      return null;
    }
    KeyPoints.Key key = KeyPoints.keyOf(item.publicKeyB64());
    if (key == null) {
      return null; // a key BouncyCastle refuses: the single verification rejects the item
    }
    int[] s = new int[Scalars.WORDS];
    Scalars.decode(sig, 32, Scalars.WORDS, s);
    if (!Scalars.isReduced(s)) {
      return null; // S must be reduced: the equation alone would accept S + L
    }
    Point r = Field.decodePoint(sig, 0, d.scratch);
    if (r == null) {
      return null;
    }
    return new Candidate(index, key.point(), r, s, challenge(sig, key.encoded(), item.message(), d));
  }

  /**
   * k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given. BouncyCastle hashes its re-encoding of A,
   * which equals the given bytes because it accepted them only if canonical.
   */
  private static int[] challenge(byte[] sig, byte[] key, byte[] message, Decoder d) {
    d.sha.reset(); // in case an earlier item threw halfway
    d.sha.update(sig, 0, 32);
    d.sha.update(key, 0, key.length);
    d.sha.update(message, 0, message.length);
    d.sha.doFinal(d.hash, 0);
    Scalars.decode(d.hash, 0, Scalars.WIDE, d.wide);
    int[] k = new int[Scalars.WORDS];
    Scalars.reduce(d.wide, k, d.reduceScratch);
    return k;
  }
}
