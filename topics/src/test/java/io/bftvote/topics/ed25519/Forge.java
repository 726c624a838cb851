package io.bftvote.topics.ed25519;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Builds signatures and points for tests, honest and otherwise, from seeded randomness. */
final class Forge {
  private Forge() {}

  static Ed25519.KeyPair voter(Random rnd) {
    byte[] seed = new byte[32];
    rnd.nextBytes(seed);
    return Ed25519.KeyPair.fromPrivate(seed);
  }

  static byte[] message(Random rnd) {
    byte[] m = new byte[20 + rnd.nextInt(200)];
    rnd.nextBytes(m);
    return m;
  }

  static Ed25519.Signed signed(Ed25519.KeyPair voter, byte[] message) {
    return new Ed25519.Signed(voter.publicKey(), message, voter.signB64(message));
  }

  static Point times(BigInteger scalar, Point p) {
    return MultiScalarMul.compute(List.of(new MultiScalarMul.Term(p, scalar)), BigInteger.ZERO);
  }

  static Point baseTimes(BigInteger scalar) {
    return MultiScalarMul.compute(List.of(), scalar);
  }

  static Point sum(Point p, Point q) {
    Point out = p.copy();
    out.add(q.toCached(), new Point.Scratch());
    return out;
  }

  static BigInteger scalar(Random rnd) {
    return new BigInteger(260, rnd).mod(Scalars.L);
  }

  /**
   * A signature by secret scalar a under the public key encoded as {@code key} (which may be
   * [a]B plus a torsion point), with commitment {@code commitment} whose discrete log r is known
   * up to torsion: S = r + k·a with k = SHA-512(R ‖ A ‖ M) mod L.
   */
  static Ed25519.Signed signRaw(BigInteger a, byte[] key, BigInteger r, byte[] commitment, byte[] message) {
    BigInteger k = challenge(commitment, key, message);
    BigInteger s = r.add(k.multiply(a)).mod(Scalars.L);
    return new Ed25519.Signed(Bytes.b64url(key), message, Bytes.b64url(concat(commitment, Scalars.toLittleEndian(s))));
  }

  static BigInteger challenge(byte[] commitment, byte[] key, byte[] message) {
    SHA512Digest sha = new SHA512Digest();
    sha.update(commitment, 0, 32);
    sha.update(key, 0, 32);
    sha.update(message, 0, message.length);
    byte[] h = new byte[64];
    sha.doFinal(h, 0);
    return Scalars.fromLittleEndian(h, 0, 64).mod(Scalars.L);
  }

  /** A point of order exactly 8: [L]P for a curve point P whose torsion part has order 8. */
  static Point orderEightPoint() {
    for (int y = 2; ; y++) {
      Point p = Field.decodePoint(Scalars.toLittleEndian(BigInteger.valueOf(y)), 0);
      if (p == null) {
        continue;
      }
      Point t = times(Scalars.L, p);
      Point t4 = t.copy();
      Point.Scratch s = new Point.Scratch();
      t4.dbl(s);
      t4.dbl(s);
      if (!t4.isNeutral()) {
        return t;
      }
    }
  }

  static byte[] signatureBytes(Ed25519.Signed item) {
    return Bytes.fromB64url(item.signatureB64());
  }

  static Ed25519.Signed withSignature(Ed25519.Signed item, byte[] signature) {
    return new Ed25519.Signed(item.publicKeyB64(), item.message(), Bytes.b64url(signature));
  }

  static Ed25519.Signed withCommitment(Ed25519.Signed item, byte[] commitment) {
    byte[] sig = signatureBytes(item);
    System.arraycopy(commitment, 0, sig, 0, 32);
    return withSignature(item, sig);
  }

  static Ed25519.Signed flipSignatureBit(Ed25519.Signed item, int bit) {
    byte[] sig = signatureBytes(item);
    sig[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return withSignature(item, sig);
  }

  static Ed25519.Signed flipMessageBit(Ed25519.Signed item, int bit) {
    byte[] m = item.message().clone();
    m[(bit >>> 3) % m.length] ^= (byte) (1 << (bit & 7));
    return new Ed25519.Signed(item.publicKeyB64(), m, item.signatureB64());
  }

  /** S replaced by S + L: the same value mod L, so only the "S < L" rule rejects it. */
  static Ed25519.Signed withUnreducedS(Ed25519.Signed item) {
    byte[] sig = signatureBytes(item);
    BigInteger s = Scalars.fromLittleEndian(sig, 32, 32).add(Scalars.L);
    System.arraycopy(Scalars.toLittleEndian(s), 0, sig, 32, 32);
    return withSignature(item, sig);
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
