package io.bftvote.topics;

import io.bftvote.topics.ed25519.BatchVerifier;
import io.bftvote.topics.ed25519.KeyPoints;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm;

/**
 * Ed25519 over BouncyCastle's low-level API, which is stateless and thread-safe (unlike the JCA
 * Signature objects) and about eight times faster than the JDK's EdDSA here.
 *
 * <p>Decoding a public key costs a point decompression, so decoded keys are cached: the same
 * voters and replicas sign over and over.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, Ed25519PublicKeyParameters> KEY_CACHE = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ed25519() {}

  /** A signing key: the private half and its public key, both raw 32 bytes. */
  public static final class KeyPair {
    private final Ed25519PrivateKeyParameters priv;
    private final Ed25519PublicKeyParameters pub;
    private final String publicB64;

    private KeyPair(Ed25519PrivateKeyParameters priv) {
      this.priv = priv;
      this.pub = priv.generatePublicKey();
      this.publicB64 = Bytes.b64url(pub.getEncoded());
    }

    public static KeyPair generate() {
      return new KeyPair(new Ed25519PrivateKeyParameters(RANDOM));
    }

    /** From a raw 32-byte private key (the RFC 8032 seed). */
    public static KeyPair fromPrivate(byte[] seed) {
      if (seed.length != 32) {
        throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, got " + seed.length);
      }
      return new KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The public key as base64url without padding: 43 characters. */
    public String publicKey() {
      return publicB64;
    }

    public byte[] privateKey() {
      return priv.getEncoded();
    }

    public byte[] sign(byte[] message) {
      byte[] sig = new byte[SIGNATURE_BYTES];
      priv.sign(Algorithm.Ed25519, pub, null, message, 0, message.length, sig, 0);
      return sig;
    }

    /** Signs and returns the signature as base64url without padding: 86 characters. */
    public String signB64(byte[] message) {
      return Bytes.b64url(sign(message));
    }
  }

  /**
   * Verifies a base64url signature by a base64url public key. Malformed keys or signatures are
   * simply invalid: a verifier never throws on attacker-controlled input.
   */
  public static boolean verify(String publicKeyB64, byte[] message, String signatureB64) {
    try {
      byte[] sig = Bytes.fromB64url(signatureB64);
      if (sig.length != SIGNATURE_BYTES) {
        return false;
      }
      Ed25519PublicKeyParameters key = publicKey(publicKeyB64);
      return key.verify(Algorithm.Ed25519, null, message, 0, message.length, sig, 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** One signature to check: a base64url public key, the signed bytes, a base64url signature. */
  public record Signed(String publicKeyB64, byte[] message, String signatureB64) {}

  /**
   * Verifies many signatures at once and returns, per item, exactly what {@link #verify} says
   * about it, at about half the cost per signature for batches of dozens (see {@link
   * BatchVerifier} for why the verdicts agree). A null item stands for nothing to verify and is
   * answered false, so callers can keep their own items' positions. Thread-safe; never throws on
   * bad input.
   */
  public static boolean[] verifyAll(List<Signed> items) {
    return BatchVerifier.verifyAll(items);
  }

  /** Decodes (and caches) a public key; throws IllegalArgumentException if it is not a valid point. */
  public static Ed25519PublicKeyParameters publicKey(String publicKeyB64) {
    Ed25519PublicKeyParameters cached = KEY_CACHE.get(publicKeyB64);
    if (cached != null) {
      return cached;
    }
    byte[] raw = Bytes.fromB64url(publicKeyB64);
    if (raw.length != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
    }
    Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(raw, 0);
    if (KEY_CACHE.size() >= CACHE_LIMIT) {
      KEY_CACHE.clear(); // a crude bound, but a bound: a flood of fresh voters cannot grow it forever
    }
    KEY_CACHE.put(publicKeyB64, key);
    return key;
  }

  /**
   * True if the text decodes to 32 bytes that BouncyCastle accepts as a public key (a canonical
   * encoding of a curve point not of small order): exactly when {@link #publicKey} would not
   * throw. Answered by {@link KeyPoints}, whose checks equal BouncyCastle's, so that a new voter's
   * key is decompressed once, for this check and the batch verification that follows.
   */
  public static boolean isValidPublicKey(String publicKeyB64) {
    return KeyPoints.isValid(publicKeyB64);
  }
}
