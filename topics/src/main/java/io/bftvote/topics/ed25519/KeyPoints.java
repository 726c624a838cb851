package io.bftvote.topics.ed25519;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public keys validated as BouncyCastle 1.83 validates them, and decompressed once: the point is
 * cached for the batch equation (the same voters and replicas sign again and again, and
 * decompression costs a square root), so a voter's key, checked when the ballot is read, is not
 * decompressed again when its signature is verified.
 *
 * <h2>Why the verdicts equal BouncyCastle's</h2>
 * {@code new Ed25519PublicKeyParameters(bytes, 0)} accepts a key iff
 * {@code Ed25519.validatePublicKeyPartialExport} returns a point, which (1.83 bytecode, {@code
 * javap -p -c}) requires both of:
 * <ul>
 *   <li>{@code checkPointFullVar}: with the sign bit masked off, y is neither 0 nor 1, not at least
 *       p − 1 (so canonical, and not −1), and not either y of the order-8 points ({@code
 *       ORDER8_y1}, {@code ORDER8_y2}) — y 0, 1, −1 and those two are exactly the y's of the eight
 *       points of small order;
 *   <li>{@code decodePointVar}: some x has x² = (y² − 1)/(d·y² + 1), and not x = 0 with the sign
 *       bit set — the same steps as {@link Field#decodePoint}.
 * </ul>
 * {@link #isSmallOrderOrNonCanonical} and {@link Field#decodePoint} apply the same two rules;
 * {@code KeyValidityTest} compares them with BouncyCastle on every small-order encoding, on
 * non-canonical ones and on random bytes.
 */
public final class KeyPoints {
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, Key> CACHE = new ConcurrentHashMap<>();

  /** y of the order-8 points, as BouncyCastle's ORDER8_y1 and ORDER8_y2: 32-bit words, low first. */
  private static final int[] ORDER8_Y1 = {
      0x706A17C7, 0x4FD84D3D, 0x760B3CBA, 0x0F67100D, 0xFA53202A, 0xC6CC392C, 0x77FDC74E, 0x7A03AC92};
  private static final int[] ORDER8_Y2 = {
      0x8F95E826, 0xB027B2C2, 0x89F4C345, 0xF098EFF2, 0x05ACDFD5, 0x3933C6D3, 0x880238B1, 0x05FC536D};

  /** A valid public key: its encoding (hashed into each challenge) and its point (only read). */
  record Key(byte[] encoded, Point point) {}

  private KeyPoints() {}

  /**
   * True if the text is base64url of 32 bytes that BouncyCastle 1.83 accepts as an Ed25519 public
   * key — {@link Ed25519#isValidPublicKey}'s answer, computed with one decompression that the
   * batch verifier then reuses.
   */
  public static boolean isValid(String publicKeyB64) {
    return keyOf(publicKeyB64) != null;
  }

  /** The key, or null if BouncyCastle would refuse it; never throws. Cached keys are shared. */
  static Key keyOf(String publicKeyB64) {
    if (publicKeyB64 == null) {
      return null;
    }
    Key cached = CACHE.get(publicKeyB64);
    if (cached != null) {
      return cached;
    }
    Key key = decode(publicKeyB64);
    if (key == null) {
      return null; // not cached: refusals are cheap to repeat, and a flood of them must not evict keys
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // a crude bound, but a bound: a flood of fresh voters cannot grow it forever
    }
    CACHE.put(publicKeyB64, key);
    return key;
  }

  private static Key decode(String publicKeyB64) {
    byte[] encoded;
    try {
      encoded = Bytes.fromB64url(publicKeyB64);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    if (encoded.length != Ed25519.PUBLIC_KEY_BYTES || isSmallOrderOrNonCanonical(encoded)) {
      return null;
    }
    Point point = Field.decodePoint(encoded, 0); // null if off the curve or x = 0 with the sign set
    return point == null ? null : new Key(encoded, point);
  }

  /**
   * BouncyCastle's {@code checkPointFullVar} refusal: y (sign bit masked) is 0, 1, at least p − 1,
   * or the y of an order-8 point. Together with the decoder's checks that refuses exactly the
   * eight small-order points and every non-canonical encoding of y.
   */
  static boolean isSmallOrderOrNonCanonical(byte[] encoded) {
    int[] y = new int[Scalars.WORDS];
    Scalars.decode(encoded, 0, Scalars.WORDS, y);
    y[7] &= 0x7FFF_FFFF;
    return isAtMostOne(y) || !Field.isCanonical(encoded, 0) || isMinusOne(y)
        || Arrays.equals(y, ORDER8_Y1) || Arrays.equals(y, ORDER8_Y2);
  }

  private static boolean isAtMostOne(int[] y) {
    for (int i = 1; i < y.length; i++) {
      if (y[i] != 0) {
        return false;
      }
    }
    return Integer.compareUnsigned(y[0], 1) <= 0;
  }

  /** y = p − 1: words FFFFFFEC, FFFFFFFF × 6, 7FFFFFFF. */
  private static boolean isMinusOne(int[] y) {
    for (int i = 1; i < 7; i++) {
      if (y[i] != -1) {
        return false;
      }
    }
    return y[0] == 0xFFFF_FFEC && y[7] == 0x7FFF_FFFF;
  }
}
