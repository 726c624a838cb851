package io.bftvote.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a request body is a ballot the gateway may hand to the replicas. One named check
 * per rule of DESIGN.md, in order, each saying why it refuses. No coercion: {@code "nonce": 1} is
 * refused, not turned into {@code "1"}, because the voter signed text, not numbers.
 *
 * <p>The gateway refuses unknown elections and candidates early (the ledger would reject them
 * anyway) so a typo costs the voter one round trip, not a consensus round.
 */
final class BallotCheck {
  static final List<String> FIELDS = List.of("election", "voter", "candidate", "nonce", "signature");
  static final String BAD_SIGNATURE = "signature does not verify for this voter and ballot";
  private static final int ECHO_LIMIT = 64;

  private final Elections elections;

  BallotCheck(Elections elections) {
    this.elections = elections;
  }

  /** The ballot in {@code body}, or the first rule it breaks: {@link #wellFormed}, then {@link #contentProblem}. */
  Checked<Ballot> check(byte[] body) {
    Checked<Ballot> ballot = wellFormed(body);
    if (!ballot.isOk()) {
      return ballot;
    }
    Optional<Rejection> content = contentProblem(ballot.value());
    return content.isPresent() ? Checked.rejected(content.get()) : ballot;
  }

  /**
   * The cheap half, run on the HTTP event loop: the body is UTF-8 JSON holding exactly the five
   * ballot fields, each a string. A few microseconds.
   */
  Checked<Ballot> wellFormed(byte[] body) {
    Checked<JsonNode> parsed = parse(body);
    if (!parsed.isOk()) {
      return Checked.rejected(parsed.rejection());
    }
    JsonNode node = parsed.value();
    Rejection shape = firstProblem(List.of(
        () -> mustBeObject(node),
        () -> noUnknownFields(node),
        () -> noMissingFields(node),
        () -> fieldsAreStrings(node)));
    if (shape != null) {
      return Checked.rejected(shape);
    }
    return Checked.ok(new Ballot(text(node, "election"), text(node, "voter"), text(node, "candidate"),
        text(node, "nonce"), text(node, "signature")));
  }

  /**
   * The costly half, run off the event loop ({@link BallotVerifier}): the field formats (which
   * decode the voter's key, a point decompression of some 15 µs for a voter not seen before), the
   * election and candidate, and the signature (some 80 µs alone, about half that in a batch).
   * Empty if the ballot may go to the replicas.
   */
  Optional<Rejection> contentProblem(Ballot ballot) {
    return contentProblems(List.of(ballot)).get(0);
  }

  /**
   * {@link #contentProblem} for each ballot, in order; the signatures of the ballots that pass the
   * other rules are verified together ({@link Ed25519#verifyAll}), which answers for each exactly
   * what verifying it alone would.
   */
  List<Optional<Rejection>> contentProblems(List<Ballot> ballots) {
    List<Rejection> problems = new ArrayList<>(ballots.size());
    List<Ed25519.Signed> toVerify = new ArrayList<>(ballots.size()); // null where a rule already refused
    for (Ballot ballot : ballots) {
      Rejection problem = firstProblem(List.of(
          () -> formatsAreValid(ballot),
          () -> electionIsKnown(ballot),
          () -> candidateIsKnown(ballot)));
      problems.add(problem);
      toVerify.add(problem == null ? ballot.signed() : null);
    }
    boolean[] verified = Ed25519.verifyAll(toVerify);
    List<Optional<Rejection>> result = new ArrayList<>(ballots.size());
    for (int i = 0; i < ballots.size(); i++) {
      Rejection problem = problems.get(i);
      result.add(Optional.ofNullable(problem == null && !verified[i] ? new Rejection("bad-signature", BAD_SIGNATURE) : problem));
    }
    return result;
  }

  static Checked<JsonNode> parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Checked.rejected("malformed-json", "the body is empty; send the ballot as a JSON object");
    }
    Rejection encoding = mustBeUtf8(body);
    if (encoding != null) {
      return Checked.rejected(encoding);
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return Checked.rejected("malformed-json", "the body holds no JSON value; send the ballot as a JSON object");
      }
      return Checked.ok(node);
    } catch (IOException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      return Checked.rejected("malformed-json", "the body is not valid JSON: " + why);
    }
  }

  /**
   * Jackson decodes overlong UTF-8 ({@code C1 A1} as "a") and code points past U+10FFFF without
   * complaint, so one signed ballot would have many byte spellings. JSON text is UTF-8 (RFC 8259):
   * anything a strict decoder refuses is refused here, before Jackson sees it.
   */
  static Rejection mustBeUtf8(byte[] body) {
    if (isAscii(body)) {
      return null; // every ballot a client library writes: skip the decoder and its buffer
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return null;
    } catch (CharacterCodingException e) {
      return new Rejection("bad-encoding", "the body is not valid UTF-8 (JSON must be UTF-8, without overlong forms"
          + " or surrogates); send the ballot as UTF-8 JSON");
    }
  }

  private static boolean isAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) return false;
    }
    return true;
  }

  static Rejection mustBeObject(JsonNode node) {
    if (node.isObject()) return null;
    return new Rejection("not-an-object", "the body must be a JSON object (a ballot), got " + typeOf(node));
  }

  static Rejection noUnknownFields(JsonNode node) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return new Rejection("unknown-field", "unknown field \"" + echo(name) + "\"; a ballot has exactly the fields "
            + String.join(", ", FIELDS));
      }
    }
    return null;
  }

  static Rejection noMissingFields(JsonNode node) {
    for (String field : FIELDS) {
      if (!node.has(field)) {
        return new Rejection("missing-field", "missing field: " + field);
      }
    }
    return null;
  }

  static Rejection fieldsAreStrings(JsonNode node) {
    for (String field : FIELDS) {
      JsonNode value = node.get(field);
      if (!value.isTextual()) {
        return new Rejection("wrong-type", "field " + field + " must be a JSON string, got " + typeOf(value));
      }
    }
    return null;
  }

  static Rejection formatsAreValid(Ballot ballot) {
    String problem = ballot.problem();
    return problem == null ? null : new Rejection("bad-format", problem);
  }

  Rejection electionIsKnown(Ballot ballot) {
    if (elections.get(ballot.election()) != null) return null;
    return new Rejection("unknown-election", "unknown election: " + ballot.election());
  }

  Rejection candidateIsKnown(Ballot ballot) {
    Election election = elections.get(ballot.election());
    if (election.hasCandidate(ballot.candidate())) return null;
    return new Rejection("unknown-candidate", "unknown candidate " + ballot.candidate() + " in election "
        + election.id() + "; the candidates are " + String.join(", ", election.candidates()));
  }

  private static Rejection firstProblem(List<Supplier<Rejection>> checks) {
    for (Supplier<Rejection> check : checks) {
      Rejection rejection = check.get();
      if (rejection != null) {
        return rejection;
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).textValue();
  }

  private static String typeOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Field names come from the client: echo a bounded, printable prefix only. */
  private static String echo(String name) {
    String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= ECHO_LIMIT ? printable : printable.substring(0, ECHO_LIMIT) + "...";
  }
}
