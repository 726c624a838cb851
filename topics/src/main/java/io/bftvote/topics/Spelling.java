package io.bftvote.topics;

/**
 * The character rules of a ballot's fields, checked by hand: every replica and the gateway check
 * every ballot, and a regular expression cost a few microseconds a field there (6 % of the CPU
 * samples of a loaded seven-replica devnet).
 */
final class Spelling {
  private Spelling() {}

  /** {@code [a-z0-9][a-z0-9_-]{0,63}}: election and candidate names. */
  static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 64 || !isLowerOrDigit(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLowerOrDigit(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9_-]{min,max}}: the base64url alphabet, without padding. */
  static boolean isBase64url(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLowerOrDigit(c) && !(c >= 'A' && c <= 'Z') && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code [0-9a-f]{length}}: lowercase hex, as request ids and hashes are spelled. */
  static boolean isLowerHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether base64url text, already known to be of the alphabet and unpadded, is the one canonical
   * spelling of its bytes: its last character carries {@code 6 * length mod 8} bits past the last
   * whole byte, which a decoder ignores and an encoder writes as zeros. Without canonical text one
   * key would have several spellings. Same answer as re-encoding the decoded bytes, allocating nothing.
   */
  static boolean isCanonicalBase64url(String s) {
    if (s.isEmpty()) {
      return true;
    }
    int spareBits = 6 * s.length() % 8;
    return (sextet(s.charAt(s.length() - 1)) & ((1 << spareBits) - 1)) == 0;
  }

  /** The 6-bit value of a base64url character. */
  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '-' ? 62 : 63;
  }

  private static boolean isLowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
