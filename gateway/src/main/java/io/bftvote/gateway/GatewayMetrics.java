package io.bftvote.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The gateway's meters. Tags take values from small fixed sets only ({@link Rejection#code()} and
 * the feeds' reasons), so a flood of odd input cannot grow the number of series.
 */
final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Counter received;
  private final Counter published;
  private final Counter publishFailed;
  private final Counter repliesCounted;
  private final Counter repliesSkipped;
  private final Timer timeToFinal;
  private final Counter detectionsVerified;
  private final Counter blocksCertified;
  private final Counter streamsDropped;
  private final Counter streamsRefused;
  private final Counter handoffsDropped;
  private final AtomicInteger streamSubscribers = new AtomicInteger();

  GatewayMetrics(MeterRegistry registry, BrokerContact contact) {
    this.registry = registry;
    this.received = Counter.builder("gateway.votes.received").description("ballots posted to the gateway").register(registry);
    this.published = Counter.builder("gateway.votes.published")
        .description("ballots the broker acknowledged on the requests topic").register(registry);
    this.publishFailed = Counter.builder("gateway.votes.publish.failed")
        .description("valid ballots that could not be handed to the broker (answered 503)").register(registry);
    this.repliesCounted = Counter.builder("gateway.replies.counted")
        .description("replies with a valid replica signature").register(registry);
    this.repliesSkipped = Counter.builder("gateway.replies.skipped")
        .description("replies not verified: their vote was final already, or their replica already counted")
        .register(registry);
    this.timeToFinal = Timer.builder("gateway.votes.time.to.final")
        .description("from the broker's ack of a vote posted here to f+1 matching signed replies")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
    this.detectionsVerified = Counter.builder("gateway.detections.verified")
        .description("detections whose evidence proves an equivocation, passed to live streams").register(registry);
    this.blocksCertified = Counter.builder("gateway.blocks.certified")
        .description("blocks with a valid commit certificate, passed to live streams (once per height)").register(registry);
    this.streamsDropped = Counter.builder("gateway.streams.dropped")
        .description("live-stream clients disconnected because they did not keep up").register(registry);
    this.streamsRefused = Counter.builder("gateway.streams.refused")
        .description("live-stream clients refused: too many streams, or shutting down").register(registry);
    this.handoffsDropped = Counter.builder("gateway.handoffs.dropped")
        .description("live events skipped because the HTTP event loop had too much waiting").register(registry);
    Gauge.builder("gateway.streams.subscribers", streamSubscribers, AtomicInteger::get)
        .description("live-stream clients connected").register(registry);
    Gauge.builder("gateway.replies.caught.up", contact, c -> c.isCaughtUp() ? 1 : 0)
        .description("1 once every reply that existed at start has been read").register(registry);
  }

  /** The book exists after the metrics (it reports to them), so its gauge is added here. */
  void watchPending(OutcomeBook book) {
    Gauge.builder("gateway.votes.pending", book, OutcomeBook::pending)
        .description("votes posted here whose outcome is not final yet").register(registry);
  }

  /** Beside {@code gateway.votes.pending}: how far it may grow before new votes are refused, and why. */
  void watchAdmission(Admission admission) {
    Gauge.builder("gateway.votes.admission.limit", admission, Admission::limit)
        .description("votes posted here that may wait for their outcome; past it new votes get 503 (reason backlog)")
        .register(registry);
    Gauge.builder("gateway.votes.final.rate", admission, Admission::finalsPerSecond)
        .description("votes posted here that became final per second, over the last 10 s").register(registry);
  }

  void watchInFlight(IntSupplier inFlight) {
    Gauge.builder("gateway.votes.in.flight", inFlight, IntSupplier::getAsInt)
        .description("valid ballots being handed to the broker, not yet acknowledged")
        .strongReference(true) // a lambda: nothing else holds it
        .register(registry);
  }

  void voteReceived() {
    received.increment();
  }

  void voteRejected(String reason) {
    Counter.builder("gateway.votes.rejected").description("ballots refused by the gateway, by reason")
        .tag("reason", reason).register(registry).increment();
  }

  void votePublished() {
    published.increment();
  }

  void publishFailed() {
    publishFailed.increment();
  }

  void timeToFinal(Duration elapsed) {
    timeToFinal.record(elapsed);
  }

  void replyCounted() {
    repliesCounted.increment();
  }

  void replySkipped() {
    repliesSkipped.increment();
  }

  void replyInvalid(String reason) {
    Counter.builder("gateway.replies.invalid").description("replies ignored: unreadable, malformed or badly signed")
        .tag("reason", reason).register(registry).increment();
  }

  void detectionVerified() {
    detectionsVerified.increment();
  }

  void detectionRefused(String reason) {
    Counter.builder("gateway.detections.invalid")
        .description("records on the detections topic that prove nothing: unreadable, or evidence that does not verify")
        .tag("reason", reason).register(registry).increment();
  }

  void blockCertified() {
    blocksCertified.increment();
  }

  void blockRefused(String reason) {
    Counter.builder("gateway.blocks.invalid")
        .description("records on the blocks topic not shown: unreadable, uncertified or inconsistent")
        .tag("reason", reason).register(registry).increment();
  }

  void streamSubscribers(int count) {
    streamSubscribers.set(count);
  }

  void streamDropped() {
    streamsDropped.increment();
  }

  void streamRefused() {
    streamsRefused.increment();
  }

  void handoffDropped() {
    handoffsDropped.increment();
  }
}
