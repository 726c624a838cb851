package io.bftvote.topics.ed25519;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public keys as points for the batch equation, cached like {@link Ed25519}'s own key cache (the
 * same voters and replicas sign again and again, and decompression costs a square root).
 */
final class KeyPoints {
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, Point> CACHE = new ConcurrentHashMap<>();

  private KeyPoints() {}

  /**
   * The point of a public key, or null if BouncyCastle refuses the key (non-canonical, off the
   * curve, or of small order): such an item goes to the single verification, which rejects it.
   * Cached points are shared between threads and must only be read.
   */
  static Point pointOf(String publicKeyB64) {
    Point cached = CACHE.get(publicKeyB64);
    if (cached != null) {
      return cached;
    }
    if (!Ed25519.isValidPublicKey(publicKeyB64)) {
      return null; // BouncyCastle's validation is the one that counts
    }
    Point point = Field.decodePoint(Bytes.fromB64url(publicKeyB64), 0);
    if (point == null) {
      return null; // cannot happen for a key BouncyCastle accepted; the single check decides
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // a crude bound, but a bound: a flood of fresh voters cannot grow it forever
    }
    CACHE.put(publicKeyB64, point);
    return point;
  }
}
