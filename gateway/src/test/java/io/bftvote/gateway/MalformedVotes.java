package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Requests the gateway must refuse, drawn from a seeded {@link Random}: one seed, one sequence, so
 * a failure can be replayed. Each starts from a freshly signed, valid ballot and breaks it in one
 * way (syntax, shape, encoding, format or signature), so a 202 always means a check is missing.
 */
final class MalformedVotes {
  /** One request: what was broken, and what to send. A null body means a GET. */
  record BadRequest(String kind, String path, byte[] body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return kind + " " + path + " " + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown);
    }
  }

  static final List<String> FIELDS = BallotCheck.FIELDS;
  private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final int OVER_LIMIT = VoteRoutes.BODY_LIMIT + 1;
  private static final byte[][] BAD_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
  private static final String[] WRONG_TYPES = {
      "1", "-0", "3.14", "1e999", "9".repeat(2_000), "true", "false", "null", "[]", "[\"demo\"]", "{}",
      "{\"value\":\"demo\"}"};

  private final Random random;
  private final Ed25519.KeyPair voter;
  private final Ed25519.KeyPair otherVoter;
  private final List<Supplier<BadRequest>> breakers = List.of(
      this::truncated, this::wrongType, this::unknownField, this::missingFields, this::duplicateField,
      this::hugeString, this::oversized, this::invalidUtf8, this::overlongSpelling, this::badBase64url,
      this::signatureOverAnotherBallot, this::flippedSignatureBit, this::signedByAnotherVoter,
      this::unknownElectionOrCandidate, this::notAnObject, this::deepNesting, this::controlCharacters,
      this::badWait, this::badVoteId);

  MalformedVotes(long seed) {
    random = new Random(seed);
    voter = keyFromRandom();
    otherVoter = keyFromRandom();
  }

  BadRequest next() {
    return breakers.get(random.nextInt(breakers.size())).get();
  }

  private BadRequest truncated() {
    byte[] whole = Json.write(fresh());
    return post("truncated JSON", java.util.Arrays.copyOf(whole, random.nextInt(whole.length)));
  }

  private BadRequest wrongType() {
    Map<String, String> fields = literals(fresh());
    fields.put(pick(FIELDS), WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]);
    return post("a field of the wrong type", object(fields));
  }

  private BadRequest unknownField() {
    Map<String, String> fields = literals(fresh());
    String[] names = {"colour", "Election", "election ", "", "\u0000", "signature2", "ü", randomText(1_000)};
    fields.put(names[random.nextInt(names.length)], quoted(randomText(8)));
    return post("an unknown field", object(fields));
  }

  private BadRequest missingFields() {
    Map<String, String> fields = literals(fresh());
    int missing = 1 + random.nextInt(FIELDS.size());
    for (int i = 0; i < missing; i++) {
      fields.remove(pick(FIELDS));
    }
    if (fields.size() == FIELDS.size()) {
      fields.remove(pick(FIELDS));
    }
    return post("missing fields", object(fields));
  }

  private BadRequest duplicateField() {
    Map<String, String> fields = literals(fresh());
    String field = pick(FIELDS);
    String repeated = random.nextBoolean() ? fields.get(field) : quoted(randomText(5));
    String body = object(fields);
    return post("a field given twice", body.substring(0, body.length() - 1) + "," + quoted(field) + ":" + repeated + "}");
  }

  private BadRequest hugeString() {
    Map<String, String> fields = literals(fresh());
    fields.put(pick(FIELDS), quoted(randomB64url(1_000 + random.nextInt(14_000))));
    return post("a huge string under the body limit", object(fields));
  }

  private BadRequest oversized() {
    String ballot = new String(Json.write(fresh()), StandardCharsets.UTF_8);
    int size = OVER_LIMIT + random.nextInt(48 * 1024);
    return switch (random.nextInt(3)) {
      case 0 -> post("a valid ballot padded past 16 KiB", ballot + " ".repeat(size - ballot.length()));
      case 1 -> post("a body past 16 KiB", object(Map.of("nonce", quoted(randomB64url(size)))));
      default -> {
        byte[] noise = new byte[size];
        random.nextBytes(noise);
        yield post("random bytes past 16 KiB", noise);
      }
    };
  }

  /** Bytes that are not UTF-8 at all, inside a field value or a field name. */
  private BadRequest invalidUtf8() {
    byte[] body = Json.write(fresh());
    int at = insideAString(body);
    return post("invalid UTF-8", splice(body, at, 0, BAD_UTF8[random.nextInt(BAD_UTF8.length)]));
  }

  /** An ASCII character written in two bytes: a lenient decoder reads the valid ballot back. */
  private BadRequest overlongSpelling() {
    byte[] body = Json.write(fresh());
    int at = insideAString(body);
    int c = body[at];
    return post("an overlong UTF-8 spelling", splice(body, at, 1, new byte[] {(byte) (0xC0 | c >> 6), (byte) (0x80 | c & 0x3F)}));
  }

  private BadRequest badBase64url() {
    Ballot ballot = fresh();
    String field = random.nextBoolean() ? "voter" : "signature";
    String value = field.equals("voter") ? ballot.voter() : ballot.signature();
    String broken = switch (random.nextInt(6)) {
      case 0 -> value + "=";
      case 1 -> value.replace(value.charAt(random.nextInt(value.length())), "+/=.! é\t".charAt(random.nextInt(8)));
      case 2 -> value.substring(0, value.length() - 1 - random.nextInt(3));
      case 3 -> value + randomB64url(1 + random.nextInt(3));
      case 4 -> Bytes.b64url(ballot.signedBytes()).substring(0, Math.min(86, value.length())); // plausible, wrong
      default -> value.substring(0, value.length() - 1) + respelled(value.charAt(value.length() - 1));
    };
    Map<String, String> fields = literals(ballot);
    fields.put(field, quoted(broken));
    return post("bad base64url in the " + field, object(fields));
  }

  private BadRequest signatureOverAnotherBallot() {
    Ballot ballot = fresh();
    Ballot other = Ballot.sign(voter, "demo", pick(List.of("alice", "bob", "carol")), ballot.nonce() + "x");
    return post("a signature over another ballot", withSignature(ballot, other.signature()));
  }

  private BadRequest flippedSignatureBit() {
    Ballot ballot = fresh();
    byte[] signature = Bytes.fromB64url(ballot.signature());
    signature[random.nextInt(signature.length)] ^= (byte) (1 << random.nextInt(8));
    return post("a signature with one bit flipped", withSignature(ballot, Bytes.b64url(signature)));
  }

  private BadRequest signedByAnotherVoter() {
    Ballot ballot = fresh();
    return post("a signature by another voter's key",
        withSignature(ballot, otherVoter.signB64(ballot.signedBytes())));
  }

  private BadRequest unknownElectionOrCandidate() {
    boolean election = random.nextBoolean();
    Ballot ballot = Ballot.sign(voter, election ? "mayor" : "demo", election ? "alice" : "dave", nonce());
    return post(election ? "an unknown election" : "an unknown candidate", Json.write(ballot));
  }

  private BadRequest notAnObject() {
    String ballot = new String(Json.write(fresh()), StandardCharsets.UTF_8);
    String[] bodies = {"null", "[" + ballot + "]", "\"" + ballot.replace("\"", "\\\"") + "\"", "42", "true", "[]",
        ballot + ballot, ballot + "x", "", " ", "{}", "{\"ballot\":" + ballot + "}"};
    return post("not a single ballot object", bodies[random.nextInt(bodies.length)]);
  }

  private BadRequest deepNesting() {
    int depth = 50 + random.nextInt(5_000);
    boolean arrays = random.nextBoolean();
    String open = arrays ? "[" : "{\"election\":";
    String close = arrays ? "]" : "}";
    return post(arrays ? "deeply nested arrays" : "deeply nested objects", open.repeat(depth) + "1" + close.repeat(depth));
  }

  private BadRequest controlCharacters() {
    Ballot ballot = fresh();
    String field = pick(List.of("election", "candidate", "nonce", "voter"));
    char control = (char) random.nextInt(0x20);
    Map<String, String> fields = literals(ballot);
    String value = fields.get(field);
    String withControl = random.nextBoolean()
        ? value.substring(0, value.length() - 1) + control + "\"" // raw: not even JSON
        : value.substring(0, value.length() - 1) + String.format("\\u%04x", (int) control) + "\""; // escaped
    fields.put(field, withControl);
    return post("a control character in the " + field, object(fields));
  }

  /** A valid ballot with a bad {@code ?wait}: the whole request is refused, the ballot not sent. */
  private BadRequest badWait() {
    String[] waits = {"5", "5m", "-1s", "1.5s", "s", "", "99999999999s", "5%20s", "%00", "1h"};
    return new BadRequest("a valid ballot with a bad wait", "/api/votes?wait=" + waits[random.nextInt(waits.length)],
        Json.write(fresh()));
  }

  private BadRequest badVoteId() {
    String hex = Bytes.sha256Hex(Bytes.utf8(nonce()));
    String[] ids = {hex.toUpperCase(java.util.Locale.ROOT), hex.substring(1), hex + "0", hex.replace('a', 'g'),
        "%00" + hex.substring(3), "%zz", randomB64url(1 + random.nextInt(1_000)), hex.substring(0, 63) + "%20",
        "%C0%AF" + hex.substring(2)};
    return new BadRequest("a malformed vote id", "/api/votes/" + ids[random.nextInt(ids.length)], null);
  }

  private Ballot fresh() {
    return Ballot.sign(voter, "demo", pick(List.of("alice", "bob", "carol")), nonce());
  }

  private String nonce() {
    return "fuzz-" + Long.toHexString(random.nextLong());
  }

  private Ed25519.KeyPair keyFromRandom() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519.KeyPair.fromPrivate(seed);
  }

  /** The index of a random byte inside a string (a field name or value) of a compact JSON object. */
  private int insideAString(byte[] json) {
    List<Integer> inside = new ArrayList<>();
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      inString = json[i] == '"' ? !inString : inString;
      if (inString && json[i] != '"') inside.add(i);
    }
    return inside.get(random.nextInt(inside.size()));
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, at + remove, bytes.length - at - remove);
    return out.toByteArray();
  }

  private static Map<String, String> literals(Ballot ballot) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> values = List.of(ballot.election(), ballot.voter(), ballot.candidate(), ballot.nonce(), ballot.signature());
    for (int i = 0; i < FIELDS.size(); i++) {
      fields.put(FIELDS.get(i), quoted(values.get(i)));
    }
    return fields;
  }

  private static byte[] withSignature(Ballot ballot, String signature) {
    return Json.write(new Ballot(ballot.election(), ballot.voter(), ballot.candidate(), ballot.nonce(), signature));
  }

  /** Fields as raw JSON literals, so a value may be any JSON (or not JSON at all). */
  private static String object(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, literal) -> json.append(json.length() > 1 ? "," : "").append(quoted(name)).append(':')
        .append(literal));
    return json.append('}').toString();
  }

  private static String quoted(String text) {
    return Json.writeString(text);
  }

  private String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** The same 6 bits with another value in the low bits the decoder drops. */
  private char respelled(char last) {
    return B64URL.charAt(B64URL.indexOf(last) ^ (1 + random.nextInt(3)));
  }

  private String randomB64url(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(B64URL.charAt(random.nextInt(B64URL.length())));
    }
    return text.toString();
  }

  /** Any characters at all, control characters and non-ASCII included. */
  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : 0x80 + random.nextInt(0xD000)));
    }
    return text.toString();
  }

  private static BadRequest post(String kind, String body) {
    return post(kind, Bytes.utf8(body));
  }

  private static BadRequest post(String kind, byte[] body) {
    return new BadRequest(kind, "/api/votes", body);
  }
}
