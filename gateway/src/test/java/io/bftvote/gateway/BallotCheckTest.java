package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BallotCheckTest {
  private static final Ed25519.KeyPair VOTER = Ed25519.KeyPair.generate();
  private final BallotCheck check = new BallotCheck(Elections.demo());
  private final Ballot ballot = Ballot.sign(VOTER, "demo", "alice", "n-1");

  @Test
  void aWellFormedSignedBallotForAKnownCandidatePasses() {
    Checked<Ballot> result = check.check(Json.write(ballot));
    assertTrue(result.isOk(), () -> result.rejection().message());
    assertEquals(ballot, result.value());
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertRefused("", "malformed-json", "the body is empty; send the ballot as a JSON object");
  }

  @Test
  void textThatIsNotJsonIsRefused() {
    assertRefusedStartingWith("{\"election\":", "malformed-json", "the body is not valid JSON: ");
  }

  @Test
  void anOverlongUtf8SpellingOfAValidBallotIsRefusedRatherThanDecodedLeniently() {
    byte[] canonical = Json.write(ballot);
    String text = new String(canonical, StandardCharsets.UTF_8);
    int a = text.indexOf("\"alice\"") + 1;
    byte[] overlong = new byte[canonical.length + 1];
    System.arraycopy(canonical, 0, overlong, 0, a);
    overlong[a] = (byte) 0xC1; // 'a' (0x61) spelled in two bytes, which UTF-8 forbids
    overlong[a + 1] = (byte) 0xA1;
    System.arraycopy(canonical, a + 1, overlong, a + 2, canonical.length - a - 1);
    Checked<Ballot> result = check.check(overlong);
    assertFalse(result.isOk(), "the overlong spelling was accepted as " + result.value());
    assertEquals("bad-encoding", result.rejection().code());
    assertTrue(result.rejection().message().startsWith("the body is not valid UTF-8"), result.rejection().message());
  }

  @Test
  void aSecondSpellingOfTheVoterKeyIsRefusedSoOneKeyCannotVoteAsTwoVoters() {
    String voter = VOTER.publicKey();
    String respelled = voter.substring(0, 42) + flipLowestBit(voter.charAt(42)); // same 32 bytes, other text
    Ballot signedAsRespelled = new Ballot("demo", respelled, "alice", "n-1",
        VOTER.signB64(Ballot.signedBytes("demo", respelled, "alice", "n-1")));
    assertTrue(Ed25519.verify(respelled, signedAsRespelled.signedBytes(), signedAsRespelled.signature()),
        "the decoder ignores the unused bits, so only the canonical-spelling rule stops this");
    assertRefusedStartingWith(json(fieldsOf(signedAsRespelled)), "bad-format", "voter is not canonical base64url");
  }

  @Test
  void aSecondSpellingOfTheSignatureIsRefused() {
    String signature = ballot.signature();
    Map<String, Object> fields = fieldsOf(ballot);
    fields.put("signature", signature.substring(0, 85) + flipLowestBit(signature.charAt(85)));
    assertRefusedStartingWith(json(fields), "bad-format", "signature is not canonical base64url");
  }

  private static char flipLowestBit(char b64) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return alphabet.charAt(alphabet.indexOf(b64) ^ 1);
  }

  @Test
  void trailingGarbageAfterTheObjectIsRefused() {
    assertRefusedStartingWith(new String(Json.write(ballot), StandardCharsets.UTF_8) + " {}", "malformed-json",
        "the body is not valid JSON: ");
  }

  @Test
  void aFieldGivenTwiceIsRefusedRatherThanGuessingWhichOneWasMeant() {
    String twice = "{\"election\":\"demo\",\"election\":\"other\"}";
    assertRefusedStartingWith(twice, "malformed-json", "the body is not valid JSON: Duplicate field 'election'");
  }

  @Test
  void anArrayIsNotABallot() {
    assertRefused("[1,2]", "not-an-object", "the body must be a JSON object (a ballot), got array");
  }

  @Test
  void anUnknownFieldIsRefusedByName() {
    Map<String, Object> fields = fieldsOf(ballot);
    fields.put("colour", "red");
    assertRefused(json(fields), "unknown-field",
        "unknown field \"colour\"; a ballot has exactly the fields election, voter, candidate, nonce, signature");
  }

  @Test
  void aMissingFieldIsRefusedByName() {
    Map<String, Object> fields = fieldsOf(ballot);
    fields.remove("nonce");
    assertRefused(json(fields), "missing-field", "missing field: nonce");
  }

  @Test
  void aNumberIsNotCoercedIntoAString() {
    Map<String, Object> fields = fieldsOf(ballot);
    fields.put("nonce", 1);
    assertRefused(json(fields), "wrong-type", "field nonce must be a JSON string, got number");
  }

  @Test
  void aNullFieldIsAWrongTypeNotAMissingField() {
    Map<String, Object> fields = fieldsOf(ballot);
    fields.put("candidate", null);
    assertRefused(json(fields), "wrong-type", "field candidate must be a JSON string, got null");
  }

  @Test
  void anElectionNameWithCapitalsHasTheWrongFormat() {
    assertRefused(with("election", "Demo"), "bad-format", "election must match [a-z0-9][a-z0-9_-]{0,63}");
  }

  @Test
  void aNonceWithSpacesHasTheWrongFormat() {
    assertRefused(with("nonce", "n 1"), "bad-format", "nonce must match [A-Za-z0-9_-]{1,64}");
  }

  @Test
  void aVoterThatIsNotA43CharacterKeyHasTheWrongFormat() {
    assertRefused(with("voter", "abc"), "bad-format",
        "voter must be the base64url (unpadded, 43 chars) of a 32-byte Ed25519 public key");
  }

  @Test
  void aShortSignatureHasTheWrongFormat() {
    assertRefused(with("signature", "abc"), "bad-format",
        "signature must be the base64url (unpadded, 86 chars) of a 64-byte Ed25519 signature");
  }

  @Test
  void anUnknownElectionIsRefused() {
    Ballot other = Ballot.sign(VOTER, "mayor", "alice", "n-1");
    assertRefused(new String(Json.write(other), StandardCharsets.UTF_8), "unknown-election", "unknown election: mayor");
  }

  @Test
  void anUnknownCandidateIsRefusedListingTheRealOnes() {
    Ballot other = Ballot.sign(VOTER, "demo", "dave", "n-1");
    assertRefused(new String(Json.write(other), StandardCharsets.UTF_8), "unknown-candidate",
        "unknown candidate dave in election demo; the candidates are alice, bob, carol");
  }

  @Test
  void aSignatureOverAnotherCandidateDoesNotVerify() {
    assertRefused(with("candidate", "bob"), "bad-signature", "signature does not verify for this voter and ballot");
  }

  @Test
  void aSignatureByAnotherVoterDoesNotVerify() {
    Ballot byOther = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-1");
    assertRefused(with("signature", byOther.signature()), "bad-signature", BallotCheck.BAD_SIGNATURE);
  }

  @Test
  void ballotsCheckedTogetherEachGetTheVerdictTheyWouldGetAlone() {
    Ballot good = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n-2");
    Ballot forged = new Ballot("demo", good.voter(), "carol", good.nonce(), good.signature());
    Ballot unknownCandidate = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "dave", "n-3");
    Ballot unknownElection = Ballot.sign(Ed25519.KeyPair.generate(), "mayor-2031", "alice", "n-4");
    List<Ballot> ballots = new ArrayList<>(List.of(ballot, forged, good, unknownCandidate, unknownElection));
    for (int i = 0; i < 40; i++) {
      ballots.add(Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-" + i)); // a batch worth batching
    }
    ballots.add(forged);

    List<Optional<Rejection>> together = check.contentProblems(ballots);

    assertEquals(ballots.stream().map(check::contentProblem).toList(), together);
    assertEquals(Optional.empty(), together.get(0));
    assertEquals("bad-signature", together.get(1).orElseThrow().code());
    assertEquals(Optional.empty(), together.get(2));
    assertEquals("unknown-candidate", together.get(3).orElseThrow().code());
    assertEquals("unknown-election", together.get(4).orElseThrow().code());
    assertEquals("bad-signature", together.get(ballots.size() - 1).orElseThrow().code());
    assertEquals(ballots.size() - 4, together.stream().filter(Optional::isEmpty).count());
  }

  private void assertRefused(String body, String code, String message) {
    Checked<Ballot> result = check.check(body.getBytes(StandardCharsets.UTF_8));
    assertFalse(result.isOk(), "expected a refusal for " + body);
    assertEquals(new Rejection(code, message), result.rejection());
  }

  private void assertRefusedStartingWith(String body, String code, String messageStart) {
    Checked<Ballot> result = check.check(body.getBytes(StandardCharsets.UTF_8));
    assertFalse(result.isOk(), "expected a refusal for " + body);
    assertEquals(code, result.rejection().code());
    assertTrue(result.rejection().message().startsWith(messageStart), result.rejection().message());
  }

  private String with(String field, String value) {
    Map<String, Object> fields = fieldsOf(ballot);
    fields.put(field, value);
    return json(fields);
  }

  static Map<String, Object> fieldsOf(Ballot b) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("election", b.election());
    fields.put("voter", b.voter());
    fields.put("candidate", b.candidate());
    fields.put("nonce", b.nonce());
    fields.put("signature", b.signature());
    return fields;
  }

  static String json(Map<String, Object> fields) {
    try {
      return Json.MAPPER.writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
