package io.bftvote.topics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  public static String sha256Hex(byte[] data) {
    return hex(sha256(data));
  }
}
