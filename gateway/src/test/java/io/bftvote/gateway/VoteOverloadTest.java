package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The vote routes with a verifier pool of one thread and one queue slot whose check holds until the
 * test lets it go, and a producer that acknowledges at once: no broker needed.
 */
@DisplayName("Signature checks off the event loop, and 503 when too many wait")
class VoteOverloadTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger checksStarted = new AtomicInteger();
  private VoteRoutesUnderTest routes;

  @BeforeEach
  void start() throws Exception {
    BallotCheck check = new BallotCheck(Elections.demo());
    routes = new VoteRoutesUnderTest(new VerifyPool(1, 1), ballots -> {
      checksStarted.incrementAndGet();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return check.contentProblems(ballots);
    }, new OutcomeBook(4, 2, 100), new Admission(AdmissionLimit.DEFAULT, 100, System::nanoTime));
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    routes.close();
  }

  @Test
  @DisplayName("with one ballot being checked and one waiting, the next is answered 503 with Retry-After, and the others 202")
  void aBallotPastTheVerifyQueueIsRefusedWithRetryAfter() {
    Future<HttpResponse<Buffer>> first = post(ballot("alice"));
    Poll.until("the first ballot's check to start", checksStarted::get, n -> n == 1);
    Future<HttpResponse<Buffer>> second = post(ballot("bob"));
    Poll.until("the second ballot to wait for the verifier", routes.verifier::waiting, n -> n == 1);

    HttpResponse<Buffer> third = GatewayUnderTest.await(post(ballot("carol")));

    assertEquals(503, third.statusCode(), third.bodyAsString());
    assertEquals("1", third.getHeader("Retry-After"));
    assertTrue(third.bodyAsJsonObject().getString("error").startsWith("the gateway is overloaded"), third.bodyAsString());
    assertEquals(1.0, routes.registry.get("gateway.votes.rejected").tag("reason", "overloaded").counter().count());
    release.countDown();
    assertEquals(202, GatewayUnderTest.await(first).statusCode());
    assertEquals(202, GatewayUnderTest.await(second).statusCode());
  }

  @Test
  @DisplayName("while a signature check is slow, the event loop still answers other requests")
  void theEventLoopAnswersWhileASignatureIsBeingChecked() {
    Future<HttpResponse<Buffer>> slow = post(ballot("alice"));
    Poll.until("the ballot's check to start", checksStarted::get, n -> n == 1);

    HttpResponse<Buffer> lookup = GatewayUnderTest.await(routes.get("/api/votes/" + "ab".repeat(32)));

    assertEquals(404, lookup.statusCode());
    assertFalse(slow.isComplete(), "the vote is still being checked");
    release.countDown();
    assertEquals(202, GatewayUnderTest.await(slow).statusCode());
  }

  @Test
  @DisplayName("a forged signature is still refused with 400 once the verifier has looked at it")
  void aForgedSignatureIsRefusedAfterTheCheckOffTheLoop() {
    release.countDown();
    Ballot good = ballot("alice");
    Ballot forged = new Ballot(good.election(), good.voter(), "bob", good.nonce(), good.signature());
    HttpResponse<Buffer> answer = GatewayUnderTest.await(post(forged));
    assertEquals(400, answer.statusCode());
    assertEquals(BallotCheck.BAD_SIGNATURE, answer.bodyAsJsonObject().getString("error"));
  }

  private Future<HttpResponse<Buffer>> post(Ballot ballot) {
    return routes.post(ballot, "");
  }

  private static Ballot ballot(String candidate) {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidate, "n-1");
  }
}
