package io.bftvote.topics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/** Encodings used across the wire contract: base64url without padding, lowercase hex, SHA-256. */
public final class Bytes {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final HexFormat HEX = HexFormat.of();

  private Bytes() {}

  public static String b64url(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Decodes base64url without padding; throws IllegalArgumentException on padding or bad characters. */
  public static byte[] fromB64url(String text) {
    if (text.indexOf('=') >= 0) {
      throw new IllegalArgumentException("base64url must be unpadded");
    }
    return B64D.decode(text);
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  public static byte[] fromHex(String hex) {
    return HEX.parseHex(hex);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A new SHA-256 digest, the caller's own to update, share or keep. */
  public static MessageDigest sha256() {
    return Sha256.fresh();
  }

  /** SHA-256 of {@code data}, hashed with this thread's digest rather than a new one per call. */
  public static byte[] sha256(byte[] data) {
    return Sha256.of(data);
  }

  public static String sha256Hex(byte[] data) {
    return hex(sha256(data));
  }
}
