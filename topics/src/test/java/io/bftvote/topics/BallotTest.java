package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void theRequestIdIsHashedOnceAndIsWhatAFreshComputationGives() throws Exception {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    Ballot twin = new Ballot(b.election(), b.voter(), b.candidate(), b.nonce(), b.signature());
    String first = b.requestId();
    assertSame(first, b.requestId());
    assertEquals(Bytes.sha256Hex(Ballot.signedBytes("demo", voter.publicKey(), "alice", "n-1")), first);
    assertEquals(first, twin.requestId());
    Ballot shared = new Ballot(b.election(), b.voter(), b.candidate(), b.nonce(), b.signature());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> ids = pool.invokeAll(Collections.nCopies(8, (Callable<String>) shared::requestId));
      for (Future<String> id : ids) {
        assertEquals(first, id.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The JSON of a ballot is the wire contract: the remembered request id must never show in it. */
  @Test
  void theJsonOfABallotIsByteForByteWhatTheRecordWrote() {
    Ballot b = Ballot.sign(Ed25519.KeyPair.fromPrivate(Bytes.sha256(Bytes.utf8("golden voter"))), "demo", "alice", "n-1");
    String expected = "{\"election\":\"demo\",\"voter\":\"2a-36Bse-GgKQ0pTpRG_Qvg2VGJHtLJxD0Z98efi5gA\","
        + "\"candidate\":\"alice\",\"nonce\":\"n-1\",\"signature\":"
        + "\"7P9x1AapojycoSZMhyKwlpa6UDkzW--DDF9A80qq13LVeUQYRZdPNodt9EDVs6zb2g6ScizghPoCJrYT7P3MAQ\"}";
    assertEquals(expected, new String(Json.write(b), StandardCharsets.UTF_8));
    assertEquals("0625a1f077f864df3a353d4e283e6093d908031f3cf6609d76caa9038666e9a5", b.requestId());
    assertEquals(expected, new String(Json.write(b), StandardCharsets.UTF_8));
    Ballot read = Json.read(Bytes.utf8(expected), Ballot.class);
    assertEquals(expected, new String(Json.write(read), StandardCharsets.UTF_8));
    assertEquals("{\"election\":\"demo\",\"voter\":null,\"candidate\":\"alice\",\"nonce\":null,\"signature\":\"s\"}",
        new String(Json.write(new Ballot("demo", null, "alice", null, "s")), StandardCharsets.UTF_8));
    byte[] withId = Bytes.utf8(expected.replace("}", ",\"requestId\":\"" + b.requestId() + "\"}"));
    assertThrows(Json.MalformedException.class, () -> Json.read(withId, Ballot.class));
  }

  @Test
  void aBallotIsAValueLikeTheRecordItWas() {
    Ballot b = Ballot.sign(voter, "demo", "alice", "n-1");
    Ballot same = new Ballot("demo", b.voter(), "alice", "n-1", b.signature());
    Ballot other = new Ballot("demo", b.voter(), "bob", "n-1", b.signature());
    assertEquals(b, same);
    assertEquals(b.hashCode(), same.hashCode());
    assertNotEquals(b, other);
    assertEquals(new Ballot(null, null, null, null, null), new Ballot(null, null, null, null, null));
    assertEquals("Ballot[election=demo, voter=" + b.voter() + ", candidate=alice, nonce=n-1, signature="
        + b.signature() + "]", b.toString());
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
