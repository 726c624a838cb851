package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The vote routes with an admission floor of three waiting votes, a clock that stands still (so no
 * outcome ever counts towards the rate and the limit stays at the floor), a verifier that counts
 * its checks and a producer that acknowledges at once: no broker needed.
 */
@DisplayName("Votes past the backlog the cluster can finish are refused before any costly step")
class VoteAdmissionTest {
  private static final int FLOOR = 3;
  private static final Verdict ACCEPTED = new Verdict("accepted", null, 7);

  private final AtomicInteger signatureChecks = new AtomicInteger();
  private final OutcomeBook book = new OutcomeBook(4, 2, 100);
  private VoteRoutesUnderTest routes;

  @BeforeEach
  void start() throws Exception {
    BallotCheck check = new BallotCheck(Elections.demo());
    routes = new VoteRoutesUnderTest(new VerifyPool(1, 16), ballots -> {
      signatureChecks.addAndGet(ballots.size());
      return check.contentProblems(ballots);
    }, book, new Admission(new AdmissionLimit(5, FLOOR), 100, () -> 0L));
  }

  @AfterEach
  void stop() throws Exception {
    routes.close();
  }

  @Test
  @DisplayName("with as many votes waiting as the limit, a valid ballot gets 503 with Retry-After and is neither checked nor sent")
  void aValidBallotAtTheLimitIsRefusedBeforeItsSignatureIsChecked() {
    postedAndPending(FLOOR);
    Ballot ballot = ballot("alice");

    HttpResponse<Buffer> answer = post(ballot, "");

    assertEquals(503, answer.statusCode(), answer.bodyAsString());
    assertEquals("30", answer.getHeader("Retry-After"), "nothing is finishing: the longest wait");
    String error = answer.bodyAsJsonObject().getString("error");
    assertTrue(error.startsWith("the cluster is 3 votes behind"), error);
    assertTrue(error.contains("nothing was recorded, send the same ballot again"), error);
    assertEquals(0, signatureChecks.get(), "a refusal must not cost a signature check");
    assertEquals(List.of(), routes.producer.history(), "nothing was sent to the broker");
    assertEquals(FLOOR, book.pending());
    assertEquals(Optional.empty(), book.status(ballot.requestId()), "nothing was recorded");
    assertEquals(1.0, routes.registry.get("gateway.votes.rejected").tag("reason", "backlog").counter().count());
  }

  @Test
  @DisplayName("below the limit a valid ballot is checked, sent and acknowledged as pending")
  void aValidBallotBelowTheLimitIsAccepted() {
    postedAndPending(FLOOR - 1);

    HttpResponse<Buffer> answer = post(ballot("alice"), "");

    assertEquals(202, answer.statusCode(), answer.bodyAsString());
    assertEquals(1, signatureChecks.get());
    assertEquals(1, routes.producer.history().size());
    assertEquals(FLOOR, book.pending(), "it waits for its outcome now");
  }

  @Test
  @DisplayName("once outcomes bring the backlog under the limit, the refused ballot sent again is accepted")
  void aRefusedBallotSentAgainAfterTheBacklogDrainsIsAccepted() {
    List<String> waiting = postedAndPending(FLOOR);
    Ballot ballot = ballot("bob");
    assertEquals(503, post(ballot, "").statusCode());

    decide(waiting.get(0));
    HttpResponse<Buffer> again = post(ballot, "");

    assertEquals(202, again.statusCode(), again.bodyAsString());
    assertEquals(1, routes.producer.history().size());
  }

  @Test
  @DisplayName("a ballot whose outcome is final already is answered from the book even past the limit")
  void aResubmissionWhoseOutcomeIsFinalIsAnsweredFromTheBookPastTheLimit() {
    Ballot ballot = ballot("carol");
    book.posted(ballot.requestId());
    decide(ballot.requestId());
    postedAndPending(FLOOR);

    HttpResponse<Buffer> at = post(ballot, "");
    HttpResponse<Buffer> waited = post(ballot, "?wait=5s");

    assertEquals(202, at.statusCode(), at.bodyAsString());
    assertEquals("accepted", at.bodyAsJsonObject().getString("status"));
    assertEquals(200, waited.statusCode(), waited.bodyAsString());
    JsonObject status = waited.bodyAsJsonObject();
    assertEquals(ballot.requestId(), status.getString("id"));
    assertEquals(7L, status.getLong("height"));
    assertEquals(List.of(), routes.producer.history(), "a final vote is not sent to the replicas again");
    assertEquals(0.0, routes.registry.find("gateway.votes.rejected").tag("reason", "backlog").counters().stream()
        .mapToDouble(c -> c.count()).sum());
  }

  /** Votes posted here earlier whose outcome is not final: the backlog. */
  private List<String> postedAndPending(int count) {
    List<String> ids = IntStream.range(0, count).mapToObj(i -> "waiting-" + i).toList();
    ids.forEach(book::posted);
    return ids;
  }

  /** f+1 = 2 matching replies make the outcome final. */
  private void decide(String id) {
    book.record(id, 0, ACCEPTED);
    book.record(id, 1, ACCEPTED);
  }

  private HttpResponse<Buffer> post(Ballot ballot, String query) {
    return GatewayUnderTest.await(routes.post(ballot, query));
  }

  private static Ballot ballot(String candidate) {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidate, "n-1");
  }
}
