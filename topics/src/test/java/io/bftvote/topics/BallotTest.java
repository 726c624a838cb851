package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BallotTest {
  private final Ed25519.KeyPair voter = Ed25519.KeyPair.generate();

  @Test
  void signedBytesAreTheDomainAndFieldsJoinedByNewlinesWithNoTrailingNewline() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    String expected = "bftvote/ballot/v1\ndemo\n" + voter.publicKey() + "\nalice\nn-1";
    assertEquals(expected, new String(b.signedBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void requestIdIsLowercaseHexSha256OfTheSignedBytes() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    assertEquals(Bytes.sha256Hex(b.signedBytes()), b.requestId());
    assertTrue(b.requestId().matches("[0-9a-f]{64}"));
  }

  @Test
  void aSignedBallotVerifiesAndHasTheDesignedFieldLengths() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    assertEquals(43, b.voter().length());
    assertEquals(86, b.signature().length());
    assertNull(b.problem());
    assertTrue(b.hasValidSignature());
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    assertFalse(new Ballot("demo", b.voter(), "bob", "n-1", b.signature()).hasValidSignature());
    assertFalse(new Ballot("demo", b.voter(), "alice", "n-2", b.signature()).hasValidSignature());
    assertFalse(new Ballot("other", b.voter(), "alice", "n-1", b.signature()).hasValidSignature());
    String otherVoter = Ed25519.KeyPair.generate().publicKey();
    assertFalse(new Ballot("demo", otherVoter, "alice", "n-1", b.signature()).hasValidSignature());
  }

  @Test
  void malformedFieldsAreNamedInTheProblem() {
    Ballot good = Ballot.sign(voter, "demo", "alice", "n-1");
    assertEquals("missing field: nonce", new Ballot("demo", good.voter(), "alice", null, good.signature()).problem());
    assertTrue(new Ballot("Demo", good.voter(), "alice", "n", good.signature()).problem().startsWith("election"));
    assertTrue(new Ballot("demo", good.voter(), "alice!", "n", good.signature()).problem().startsWith("candidate"));
    assertTrue(new Ballot("demo", good.voter(), "alice", "n 1", good.signature()).problem().startsWith("nonce"));
    assertTrue(new Ballot("demo", "short", "alice", "n", good.signature()).problem().startsWith("voter"));
    assertTrue(new Ballot("demo", good.voter(), "alice", "n", "abc").problem().startsWith("signature"));
    assertFalse(new Ballot("demo", good.voter(), "alice", "n", "abc").hasValidSignature());
  }

  @Test
  void jsonRoundTripKeepsEveryFieldAndRefusesUnknownOnes() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    assertEquals(b, Json.read(Json.write(b), Ballot.class));
    byte[] extra = Bytes.utf8("{\"election\":\"demo\",\"voter\":\"x\",\"candidate\":\"a\",\"nonce\":\"n\",\"signature\":\"s\",\"admin\":true}");
    assertThrows(Json.MalformedException.class, () -> Json.read(extra, Ballot.class));
  }

  @Test
  void aKeyHasOnlyOneSpellingSoItCannotVoteOncePerSpelling() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = b.voter().charAt(42);
    // Flip the two unused low bits of the last character: same 32 bytes, another string.
    char respelled = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String voter2 = b.voter().substring(0, 42) + respelled;
    Ballot twin = new Ballot("demo", voter2, "alice", "n-1",
        Bytes.b64url(voter.sign(Ballot.signedBytes("demo", voter2, "alice", "n-1"))));
    assertTrue(twin.problem().startsWith("voter is not canonical"));
    assertFalse(twin.hasValidSignature());
    char sigLast = b.signature().charAt(85);
    String sig2 = b.signature().substring(0, 85) + alphabet.charAt(alphabet.indexOf(sigLast) ^ 1);
    assertTrue(new Ballot("demo", b.voter(), "alice", "n-1", sig2).problem().startsWith("signature is not canonical"));
  }
}
