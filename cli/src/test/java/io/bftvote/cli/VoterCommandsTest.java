package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.FakeGateway.Response;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.KeyFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, vote, status and tally ELECTION against a scripted gateway. */
class VoterCommandsTest {
  private static final String ID = "ab".repeat(32);

  @TempDir
  Path dir;
  FakeGateway gateway;
  Path key;
  Ed25519.KeyPair voter;

  @BeforeEach
  void setUp() throws Exception {
    gateway = new FakeGateway();
    key = dir.resolve("voter.key");
    voter = Ed25519.KeyPair.generate();
    KeyFile.save(voter, key);
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  @Test
  void keygenWritesAnOwnerOnlyKeyPrintsTheVoterIdAndNeverOverwrites() throws Exception {
    Path out = dir.resolve("new.key");
    CliRun first = CliRun.of("keygen", "--out", out.toString());

    assertEquals(Main.OK, first.exitCode(), first.err());
    assertEquals(KeyFile.load(out).publicKey(), first.out().strip());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(out));

    String before = Files.readString(out);
    CliRun second = CliRun.of("keygen", "--out", out.toString());
    assertEquals(Main.FAILURE, second.exitCode());
    assertTrue(second.err().contains("already exists"), second.err());
    assertEquals(before, Files.readString(out), "the first key is untouched");
  }

  @Test
  void voteSendsAValidlySignedBallotAndWaitsUntilItIsFinal() {
    gateway.answer("POST /api/votes", new Response(202, "{\"id\":\"" + ID + "\",\"status\":\"pending\"}"))
        .answer("GET /api/votes/" + ID,
            new Response(200, "{\"id\":\"" + ID + "\",\"status\":\"pending\",\"confirmations\":0}"),
            new Response(200, "{\"id\":\"" + ID + "\",\"status\":\"accepted\",\"height\":3,\"confirmations\":3}"));

    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "alice",
        "--nonce", "n-1", "--gateway", gateway.url());

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("request id: " + ID), run.out());
    assertTrue(run.out().contains("accepted at height 3 (3 replicas confirmed)"), run.out());
    FakeGateway.Request post = gateway.requests().get(0);
    assertEquals("/api/votes?wait=5000ms", post.uri());
    Ballot sent = Json.read(post.body().getBytes(), Ballot.class);
    assertEquals(Ballot.sign(voter, "demo", "alice", "n-1"), sent);
    assertTrue(sent.hasValidSignature());
  }

  @Test
  void aRejectedVoteExitsOneAndSaysWhy() {
    gateway.answer("POST /api/votes", new Response(200,
        "{\"id\":\"" + ID + "\",\"status\":\"rejected\",\"reason\":\"already-voted\",\"height\":7,\"confirmations\":2}"));

    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "bob",
        "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("rejected: already-voted at height 7 (2 replicas confirmed)"), run.out());
    assertEquals(1, gateway.requests().size(), "a final answer to the POST needs no polling");
  }

  @Test
  void eachVoteGetsAFreshRandomNonceUnlessOneIsGiven() {
    gateway.answer("POST /api/votes", new Response(202, "{\"id\":\"" + ID + "\",\"status\":\"pending\"}"));
    CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "bob", "--no-wait",
        "--gateway", gateway.url());
    CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "bob", "--no-wait",
        "--gateway", gateway.url());

    String first = Json.read(gateway.requests().get(0).body().getBytes(), Ballot.class).nonce();
    String second = Json.read(gateway.requests().get(1).body().getBytes(), Ballot.class).nonce();
    assertFalse(first.equals(second), "two votes, two nonces");
    assertEquals("/api/votes", gateway.requests().get(0).uri(), "--no-wait does not ask the gateway to wait");
  }

  @Test
  void theGatewaysRefusalIsShownAsItsOwnMessage() {
    gateway.answer("POST /api/votes", new Response(400, "{\"error\":\"unknown candidate dave in election demo\"}"));

    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "dave",
        "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("refused the vote (HTTP 400): unknown candidate dave in election demo"), run.err());
  }

  @Test
  void aMalformedCandidateIsRefusedBeforeAnythingIsSent() {
    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "Alice!",
        "--gateway", gateway.url());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("candidate must match"), run.err());
    assertTrue(gateway.requests().isEmpty());
  }

  @Test
  void aMissingKeyFileSuggestsKeygen() {
    CliRun run = CliRun.of("vote", "--key", dir.resolve("nope.key").toString(), "--election", "demo",
        "--candidate", "alice", "--gateway", gateway.url());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("./bftvote keygen --out"), run.err());
  }

  @Test
  void withNoGatewayRunningItSaysToStartDevnet() throws Exception {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "http://localhost:" + socket.getLocalPort();
    }
    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "alice",
        "--gateway", nobody);

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("cannot reach the gateway at " + nobody + " — is './bftvote devnet' running?"),
        run.err());
  }

  @Test
  void aVoteThatStaysPendingGivesUpAtTheTimeoutAndSaysHowToCheckLater() {
    gateway.answer("POST /api/votes", new Response(202, "{\"id\":\"" + ID + "\",\"status\":\"pending\"}"))
        .answer("GET /api/votes/" + ID, new Response(200, "{\"id\":\"" + ID + "\",\"status\":\"pending\"}"));

    CliRun run = CliRun.of("vote", "--key", key.toString(), "--election", "demo", "--candidate", "alice",
        "--timeout", "1", "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("still pending after 1 s") && run.err().contains("./bftvote status " + ID),
        run.err());
  }

  @Test
  void statusPrintsTheOutcomeOfAKnownVote() {
    gateway.answer("GET /api/votes/" + ID,
        new Response(200, "{\"id\":\"" + ID + "\",\"status\":\"accepted\",\"height\":1,\"confirmations\":4}"));

    CliRun run = CliRun.of("status", ID, "--gateway", gateway.url());

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals(ID + " accepted at height 1 (4 replicas confirmed)", run.out().strip());
  }

  @Test
  void statusOfAVoteTheGatewayNeverSawExitsOne() {
    gateway.answer("GET /api/votes/", new Response(404, "{\"error\":\"no vote with id " + ID + "\"}"));

    CliRun run = CliRun.of("status", ID, "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("never seen vote " + ID), run.err());
  }

  @Test
  void statusRefusesSomethingThatIsNotARequestIdWithoutAsking() {
    CliRun run = CliRun.of("status", "42", "--gateway", gateway.url());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(gateway.requests().isEmpty());
  }

  @Test
  void tallyPrintsEveryCandidateAndTheTotal() {
    gateway.answer("GET /api/tallies/demo",
        new Response(200, "{\"election\":\"demo\",\"counts\":{\"alice\":3,\"bob\":1,\"carol\":0},\"height\":5}"));

    CliRun run = CliRun.of("tally", "demo", "--gateway", gateway.url());

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals("""
        election demo, counted up to block 5
        candidate     votes
        alice             3
        bob               1
        carol             0
        total             4
        """, run.out());
  }

  @Test
  void tallyJsonIsTheGatewaysAnswer() {
    String body = "{\"election\":\"demo\",\"counts\":{\"alice\":3},\"height\":5}";
    gateway.answer("GET /api/tallies/demo", new Response(200, body));

    CliRun run = CliRun.of("tally", "demo", "--json", "--gateway", gateway.url());

    assertEquals(body, run.out().strip());
  }

  @Test
  void tallyOfAnUnknownElectionExitsOne() {
    gateway.answer("GET /api/tallies/", new Response(404, "{\"error\":\"no election nope\"}"));

    CliRun run = CliRun.of("tally", "nope", "--gateway", gateway.url());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("no election 'nope'"), run.err());
  }
}
