package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.KeyFile;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard signs ballots in the browser with WebCrypto. Node has the same WebCrypto, so
 * this runs the page's own ballot module in Node and checks the result with the Java contract:
 * a ballot the page makes is one the gateway and the replicas accept, and keys move freely
 * between the page and bftvote key files.
 */
@DisplayName("The dashboard's ballot module, run in Node, against the Java wire contract")
class BallotScriptTest {
  private static String module;

  @TempDir
  Path dir;

  @BeforeAll
  static void needsNode() throws URISyntaxException {
    assumeTrue(run("console.log(typeof crypto.subtle.sign)", "").equals("function"),
        "node with WebCrypto is not installed here");
    module = Path.of(BallotScriptTest.class.getClassLoader().getResource("webroot/assets/ballot.js").toURI()).toUri().toString();
  }

  @Test
  @DisplayName("a ballot signed in the page with a pasted key verifies in Java and has the same request id")
  void aBallotSignedInThePageVerifiesInJava() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    String out = run("""
        const b = await import(process.argv[1]);
        const key = await b.importVoterKey(process.argv[2]);
        const ballot = await b.signBallot(key, 'demo', 'alice', 'web-nonce');
        console.log(JSON.stringify({ballot, id: await b.requestId(ballot)}));
        """, module, Bytes.b64url(voter.privateKey()));
    JsonObject result = new JsonObject(out);
    JsonObject json = result.getJsonObject("ballot");
    Ballot ballot = new Ballot(json.getString("election"), json.getString("voter"), json.getString("candidate"),
        json.getString("nonce"), json.getString("signature"));

    assertEquals(voter.publicKey(), ballot.voter(), "the voter id is the key's public half");
    assertTrue(ballot.hasValidSignature(), "the gateway would refuse this ballot: " + json);
    assertEquals(ballot.requestId(), result.getString("id"));
    assertEquals(5, json.size(), "a ballot has exactly the five fields");
  }

  @Test
  @DisplayName("a key made in the page, saved as a key file, loads in Java as the same voter")
  void aKeyMadeInThePageIsABftvoteKeyFile() throws IOException {
    String keyFile = run("""
        const b = await import(process.argv[1]);
        console.log(JSON.stringify(b.keyFile(await b.generateVoterKey())));
        """, module);
    Path file = dir.resolve("voter.key.json");
    Files.writeString(file, keyFile);
    Ed25519.KeyPair loaded = KeyFile.load(file); // refuses a file whose halves do not match
    assertEquals(new JsonObject(keyFile).getString("public"), loaded.publicKey());
  }

  @Test
  @DisplayName("a whole bftvote key file pasted into the page is understood")
  void aPastedKeyFileIsUnderstood() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Path file = dir.resolve("cli.key.json");
    KeyFile.save(voter, file);
    String voterId = run("""
        const b = await import(process.argv[1]);
        const key = await b.importVoterKey(b.seedFromText(process.argv[2]));
        console.log(key.voter);
        """, module, readString(file));
    assertEquals(voter.publicKey(), voterId);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs an ES module script in Node and returns what it printed; "" if Node is missing. */
  private static String run(String script, String... args) {
    try {
      String[] command = new String[4 + args.length];
      command[0] = "node";
      command[1] = "--input-type=module";
      command[2] = "-e";
      command[3] = script;
      System.arraycopy(args, 0, command, 4, args.length);
      Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new AssertionError("node failed (its error is in the test output): " + out);
      }
      return out;
    } catch (IOException notInstalled) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
