package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Elections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BallotVerifierTest {
  private final BallotCheck check = new BallotCheck(Elections.demo());
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  /** One verifier, room for one more ballot, and a check that holds until the test releases it. */
  private final BallotVerifier verifier = new BallotVerifier(new VerifyPool(1, 1), ballots -> {
    started.countDown();
    awaitQuietly(release);
    return check.contentProblems(ballots);
  });

  @AfterEach
  void stop() {
    release.countDown();
    verifier.close();
  }

  @Test
  void aBallotPastTheQueueIsRefusedAsOverloadedAtOnceAndTheOthersAreStillChecked() throws Exception {
    CompletableFuture<Optional<Rejection>> checking = verifier.verify(ballot("alice")).toCompletableFuture();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    CompletableFuture<Optional<Rejection>> queued = verifier.verify(ballot("bob")).toCompletableFuture();

    CompletableFuture<Optional<Rejection>> refused = verifier.verify(ballot("carol")).toCompletableFuture();

    CompletionException overloaded = assertThrows(CompletionException.class, refused::join);
    assertInstanceOf(BallotVerifier.Overloaded.class, overloaded.getCause());
    assertTrue(overloaded.getCause().getMessage().startsWith("the gateway is overloaded"), overloaded.getCause().getMessage());
    release.countDown();
    assertEquals(Optional.empty(), checking.get(10, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), queued.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aBadSignatureFoundOnTheVerifierIsTheSameRefusalAsBefore() throws Exception {
    release.countDown();
    Ballot good = ballot("alice");
    Ballot forged = new Ballot(good.election(), good.voter(), "bob", good.nonce(), good.signature());
    assertEquals(Optional.of(new Rejection("bad-signature", BallotCheck.BAD_SIGNATURE)),
        verifier.verify(forged).toCompletableFuture().get(10, TimeUnit.SECONDS));
  }

  @Test
  void ballotsThatWaitedWhileAnotherWasCheckedAreCheckedTogetherEachWithItsOwnVerdict() throws Exception {
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    try (BallotVerifier batching = new BallotVerifier(new VerifyPool(1, 8), ballots -> {
      batchSizes.add(ballots.size());
      firstTaken.countDown();
      awaitQuietly(letGo);
      return check.contentProblems(ballots);
    })) {
      CompletableFuture<Optional<Rejection>> first = batching.verify(ballot("alice")).toCompletableFuture();
      assertTrue(firstTaken.await(10, TimeUnit.SECONDS));
      Ballot good = ballot("bob");
      Ballot forged = new Ballot(good.election(), good.voter(), "carol", good.nonce(), good.signature());
      List<CompletableFuture<Optional<Rejection>>> waited = List.of(
          batching.verify(good).toCompletableFuture(),
          batching.verify(forged).toCompletableFuture(),
          batching.verify(ballot("carol")).toCompletableFuture());

      letGo.countDown();

      assertEquals(Optional.empty(), first.get(10, TimeUnit.SECONDS));
      assertEquals(Optional.empty(), waited.get(0).get(10, TimeUnit.SECONDS));
      assertEquals(Optional.of(new Rejection("bad-signature", BallotCheck.BAD_SIGNATURE)), waited.get(1).get(10, TimeUnit.SECONDS));
      assertEquals(Optional.empty(), waited.get(2).get(10, TimeUnit.SECONDS));
      assertEquals(List.of(1, 3), batchSizes);
    }
  }

  @Test
  void aClosedVerifierRefusesAsStopping() {
    release.countDown();
    verifier.close();
    CompletionException stopping = assertThrows(CompletionException.class,
        () -> verifier.verify(ballot("alice")).toCompletableFuture().join());
    assertEquals(VoteRoutes.STOPPING, stopping.getCause().getMessage());
  }

  private static Ballot ballot(String candidate) {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", candidate, "n-1");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
