package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/votes} and {@code GET /api/votes/{id}}, as chains of small handlers. A handler
 * either answers or passes what it learned to the next one through the routing context.
 */
final class VoteRoutes {
  /** A ballot is a few hundred bytes; anything much larger is a mistake or an attack. */
  static final int BODY_LIMIT = 16 * 1024;
  static final String NOT_HANDED = "the vote could not be handed to the broker; nothing was recorded, try again";
  static final String STOPPING = "the gateway is shutting down; nothing was recorded, send the vote again in a moment";
  private static final Logger log = LoggerFactory.getLogger(VoteRoutes.class);
  /** Long enough for a burst to drain, short enough that a voter hardly notices. */
  private static final long RETRY_AFTER_SECONDS = 1;
  private static final String WAIT = "wait";
  private static final String BALLOT = "ballot";
  private static final String VOTE_ID = "voteId";

  private final BallotCheck ballotCheck;
  private final BallotVerifier verifier;
  private final BallotPublisher publisher;
  private final OutcomeBook book;
  private final Admission admission;
  private final OutcomeWaiters waiters;
  private final GatewayMetrics metrics;
  private final BrokerContact contact;
  private final VoteRateLimit rateLimit;
  private volatile boolean accepting = true;

  VoteRoutes(BallotCheck ballotCheck, BallotVerifier verifier, BallotPublisher publisher, OutcomeBook book,
      Admission admission, OutcomeWaiters waiters, GatewayMetrics metrics, BrokerContact contact,
      VoteRateLimit rateLimit) {
    this.ballotCheck = ballotCheck;
    this.verifier = verifier;
    this.publisher = publisher;
    this.book = book;
    this.admission = admission;
    this.waiters = waiters;
    this.metrics = metrics;
    this.contact = contact;
    this.rateLimit = rateLimit;
  }

  void mount(Router router) {
    router.post("/api/votes")
        .handler(rateLimit)
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(this::refuseWhileStopping)
        .handler(this::countReceived)
        .handler(this::readWait)
        .handler(this::readBallot)
        .handler(this::admitWithinBacklog)
        .handler(this::verifyBallot)
        .handler(this::answerIfAlreadyFinal)
        .handler(this::publish)
        .failureHandler(this::countTooLarge);
    router.get("/api/votes/:id")
        .handler(this::readVoteId)
        .handler(this::lookUp);
  }

  /**
   * Graceful shutdown, first step: new votes are refused, so that the votes already being handed
   * to the broker are the last ones, and each of them still gets its answer.
   */
  void stopAccepting() {
    accepting = false;
  }

  private void refuseWhileStopping(RoutingContext ctx) {
    if (accepting) {
      ctx.next();
      return;
    }
    unavailable(ctx, STOPPING);
  }

  private void countReceived(RoutingContext ctx) {
    metrics.voteReceived();
    ctx.next();
  }

  /** The body handler refuses oversized bodies before {@link #countReceived} runs: count them here. */
  private void countTooLarge(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      metrics.voteReceived();
      metrics.voteRejected("too-large");
    }
    ctx.next();
  }

  private void readWait(RoutingContext ctx) {
    Checked<Duration> wait = RequestParams.waitTime(ctx.request().getParam("wait"));
    if (refusedVote(ctx, wait)) return;
    ctx.put(WAIT, wait.value());
    ctx.next();
  }

  /** The cheap checks, on the event loop: the body is a JSON ballot. */
  private void readBallot(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Checked<Ballot> ballot = ballotCheck.wellFormed(body == null ? null : body.getBytes());
    if (refusedVote(ctx, ballot)) return;
    ctx.put(BALLOT, ballot.value());
    ctx.next();
  }

  /**
   * Refuses a new vote while the votes posted here that wait for their outcome are as many as the
   * cluster finishes in the target time ({@link Admission}): before the signature check, so that a
   * refusal costs a parse, a hash and two lookups. A ballot already final passes: once its signature
   * is checked it is answered from the book, which costs the cluster nothing.
   */
  private void admitWithinBacklog(RoutingContext ctx) {
    Ballot ballot = ctx.get(BALLOT);
    if (finalStatus(ballot.requestId()).isPresent()) {
      ctx.next();
      return;
    }
    Optional<Admission.Refusal> refusal = admission.check(book.pending());
    if (refusal.isEmpty()) {
      ctx.next();
      return;
    }
    metrics.voteRejected("backlog");
    unavailable(ctx, refusal.get().retryAfterSeconds(), refusal.get().message());
  }

  /**
   * The costly checks (formats, election, candidate, signature) on the verifier pool; the answer
   * comes back on this event loop. A full pool is answered 503 with Retry-After: nothing was
   * recorded, and the voter's software sends the same ballot (the same id) again.
   */
  private void verifyBallot(RoutingContext ctx) {
    Ballot ballot = ctx.get(BALLOT);
    Future.fromCompletionStage(verifier.verify(ballot), ctx.vertx().getOrCreateContext())
        .onSuccess(problem -> {
          if (problem.isEmpty()) {
            ctx.next();
          } else {
            refusedVote(ctx, Checked.rejected(problem.get()));
          }
        })
        .onFailure(error -> {
          if (!(error instanceof BallotVerifier.Overloaded)) {
            ctx.fail(error); // a fault of ours, not of the ballot: JsonFailures answers 500
            return;
          }
          metrics.voteRejected("overloaded");
          unavailable(ctx, error.getMessage());
        });
  }

  /**
   * A resubmitted ballot whose outcome is already final is answered from the book: re-sending it
   * would only make the replicas execute a duplicate. A pending one is sent again, because a
   * client's retransmission is how PBFT recovers a request a faulty primary dropped (§4.1).
   */
  private void answerIfAlreadyFinal(RoutingContext ctx) {
    Ballot ballot = ctx.get(BALLOT);
    Optional<VoteStatus> known = finalStatus(ballot.requestId());
    if (known.isPresent()) {
      Duration wait = ctx.get(WAIT);
      Responses.json(ctx, wait.isZero() ? 202 : 200, known.get());
      return;
    }
    ctx.next();
  }

  private void publish(RoutingContext ctx) {
    Ballot ballot = ctx.get(BALLOT);
    String id = ballot.requestId();
    Future.fromCompletionStage(publisher.publish(ballot), ctx.vertx().getOrCreateContext())
        .onSuccess(acked -> {
          book.posted(id);
          metrics.votePublished();
          log.debug("vote {} handed to the broker", id);
          answerOrWait(ctx, id);
        })
        .onFailure(error -> {
          metrics.publishFailed();
          log.warn("vote {} could not be handed to the broker; the client was told to retry: {}", id, error.toString());
          unavailable(ctx, NOT_HANDED);
        });
  }

  private void answerOrWait(RoutingContext ctx, String id) {
    Duration wait = ctx.get(WAIT);
    Optional<VoteStatus> now = finalStatus(id);
    if (now.isPresent()) {
      Responses.json(ctx, wait.isZero() ? 202 : 200, now.get());
      return;
    }
    waiters.await(id, wait).onSuccess(decided -> decided.ifPresentOrElse(
        status -> Responses.json(ctx, 200, status),
        () -> Responses.json(ctx, 202, Map.of("id", id, "status", VoteStatus.PENDING))));
  }

  private Optional<VoteStatus> finalStatus(String id) {
    return book.status(id).filter(VoteStatus::isFinal);
  }

  private void readVoteId(RoutingContext ctx) {
    Checked<String> id = RequestParams.voteId(ctx.pathParam("id"));
    if (refused(ctx, id)) return;
    ctx.put(VOTE_ID, id.value());
    ctx.next();
  }

  /** Until past replies are read, an unknown id may be a vote from before this gateway started. */
  private void lookUp(RoutingContext ctx) {
    String id = ctx.get(VOTE_ID);
    Optional<VoteStatus> status = book.status(id);
    if (status.isPresent()) {
      Responses.json(ctx, 200, status.get());
    } else if (!contact.isCaughtUp()) {
      Responses.error(ctx, 503, "the gateway is still reading past outcomes from the broker; try again shortly");
    } else {
      Responses.error(ctx, 404, "no vote with id " + id);
    }
  }

  /** 503: nothing was recorded, and the same ballot (the same id) may simply be sent again. */
  private static void unavailable(RoutingContext ctx, String why) {
    unavailable(ctx, RETRY_AFTER_SECONDS, why);
  }

  private static void unavailable(RoutingContext ctx, long retryAfterSeconds, String why) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
    Responses.error(ctx, 503, why);
  }

  private boolean refusedVote(RoutingContext ctx, Checked<?> checked) {
    if (!checked.isOk()) {
      metrics.voteRejected(checked.rejection().code());
    }
    return refused(ctx, checked);
  }

  private static boolean refused(RoutingContext ctx, Checked<?> checked) {
    if (checked.isOk()) {
      return false;
    }
    log.debug("refused {} {}: {}", ctx.request().method(), ctx.request().path(), checked.rejection().message());
    Responses.error(ctx, checked.rejection());
    return true;
  }
}
