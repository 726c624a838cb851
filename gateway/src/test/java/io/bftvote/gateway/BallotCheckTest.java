package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
