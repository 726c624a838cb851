package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Elections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The vote routes alone on a free port, for tests of what happens before a ballot reaches the
 * broker: a producer that acknowledges at once (the broker-backed path is {@link VoteApiTest}'s),
 * a verifier pool on the given content check, and the given outcome book and admission.
 */
final class VoteRoutesUnderTest implements AutoCloseable {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final BallotVerifier verifier;
  private final Vertx vertx = Vertx.vertx();
  private final BallotPublisher publisher;
  private final HttpApi api;
  private final WebClient http;

  VoteRoutesUnderTest(VerifyPool pool, Function<List<Ballot>, List<Optional<Rejection>>> contentCheck,
      OutcomeBook book, Admission admission) throws Exception {
    verifier = new BallotVerifier(pool, contentCheck);
    publisher = new BallotPublisher(producer, "bft.requests", Duration.ofSeconds(5));
    BrokerContact contact = new BrokerContact();
    contact.caughtUp();
    GatewayMetrics metrics = new GatewayMetrics(registry, contact);
    VoteRoutes votes = new VoteRoutes(new BallotCheck(Elections.demo()), verifier, publisher, book,
        admission, new OutcomeWaiters(vertx, 10), metrics, contact,
        new VoteRateLimit(RateLimiter.of(new ApiLimits(1_000_000, 1_000_000, 1)), metrics));
    api = new HttpApi(0, List.of(votes::mount));
    vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
    http = WebClient.create(vertx);
  }

  /** Posts a ballot to {@code /api/votes} plus {@code query} (e.g. "?wait=5s"); the answer comes later. */
  Future<HttpResponse<Buffer>> post(Ballot ballot, String query) {
    return http.post(api.port(), "localhost", "/api/votes" + query).sendBuffer(Buffer.buffer(VoteApiTest.json(ballot)));
  }

  Future<HttpResponse<Buffer>> get(String path) {
    return http.get(api.port(), "localhost", path).send();
  }

  @Override
  public void close() throws Exception {
    verifier.close();
    publisher.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
