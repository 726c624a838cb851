package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written character rules say exactly what DESIGN.md's patterns say. */
class SpellingTest {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final String ALPHABET = "abcxyzABCXYZ0189_-+/=. é\u0000\u00ff";

  @Test
  void agreesWithThePatternsOnTheEdgesAndOnManyRandomStrings() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      String s = randomString(random, random.nextInt(90));
      assertEquals(NAME.matcher(s).matches(), Spelling.isName(s), s);
      assertEquals(NONCE.matcher(s).matches(), Spelling.isBase64url(s, 1, 64), s);
      assertEquals(KEY.matcher(s).matches(), Spelling.isBase64url(s, 43, 43), s);
    }
    for (String edge : new String[] {"", "a", "-a", "_a", "a-", "Z", "a".repeat(64), "a".repeat(65), "0".repeat(43)}) {
      assertEquals(NAME.matcher(edge).matches(), Spelling.isName(edge), edge);
      assertEquals(NONCE.matcher(edge).matches(), Spelling.isBase64url(edge, 1, 64), edge);
      assertEquals(KEY.matcher(edge).matches(), Spelling.isBase64url(edge, 43, 43), edge);
    }
  }

  @Test
  void aRequestIdIsSixtyFourLowercaseHexDigitsAsThePatternSays() {
    Pattern requestId = Pattern.compile("[0-9a-f]{64}");
    Random random = new Random(11);
    String hexish = "0123456789abcdefABCDEFg-/: ";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = 62 + random.nextInt(5);
      for (int j = 0; j < length; j++) {
        // mostly lowercase hex, so that strings of the right length and alphabet are common
        s.append(random.nextInt(8) == 0 ? hexish.charAt(random.nextInt(hexish.length())) : hexish.charAt(random.nextInt(16)));
      }
      assertEquals(requestId.matcher(s).matches(), Ballot.isRequestId(s.toString()), s.toString());
    }
    assertFalse(Ballot.isRequestId(null));
    assertTrue(Ballot.isRequestId(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n").requestId()));
  }

  @Test
  void canonicalBase64urlIsWhatReEncodingTheDecodedBytesGivesBack() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      int length = new int[] {43, 86, 2, 3, 4, 6, 7, 8}[random.nextInt(8)]; // unpadded lengths a decoder takes
      StringBuilder s = new StringBuilder();
      for (int c = 0; c < length; c++) {
        s.append(alphabet.charAt(random.nextInt(64)));
      }
      String text = s.toString();
      assertEquals(Bytes.b64url(Bytes.fromB64url(text)).equals(text), Spelling.isCanonicalBase64url(text), text);
    }
  }

  private static String randomString(Random random, int length) {
    StringBuilder s = new StringBuilder();
    // Mostly valid characters, so that long matches are common and the length rules get tested.
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(10) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
          : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".charAt(random.nextInt(64)));
    }
    return s.toString();
  }
}
