package io.bftvote.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's meters. Tags take values from small fixed sets only ({@link Rejection#code()}), so
 * a flood of odd input cannot grow the number of series.
 */
final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Counter received;
  private final Counter published;
  private final Counter publishFailed;
  private final Counter repliesCounted;

  GatewayMetrics(MeterRegistry registry, OutcomeBook book, BrokerContact contact) {
    this.registry = registry;
    this.received = Counter.builder("gateway.votes.received").description("ballots posted to the gateway").register(registry);
    this.published = Counter.builder("gateway.votes.published")
        .description("ballots the broker acknowledged on the requests topic").register(registry);
    this.publishFailed = Counter.builder("gateway.votes.publish.failed")
        .description("valid ballots that could not be handed to the broker (answered 503)").register(registry);
    this.repliesCounted = Counter.builder("gateway.replies.counted")
        .description("replies with a valid replica signature").register(registry);
    Gauge.builder("gateway.votes.pending", book, OutcomeBook::pending)
        .description("votes posted here whose outcome is not final yet").register(registry);
    Gauge.builder("gateway.replies.caught.up", contact, c -> c.isCaughtUp() ? 1 : 0)
        .description("1 once every reply that existed at start has been read").register(registry);
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

  void replyCounted() {
    repliesCounted.increment();
  }

  void replyInvalid(String reason) {
    Counter.builder("gateway.replies.invalid").description("replies ignored: unreadable, malformed or badly signed")
        .tag("reason", reason).register(registry).increment();
  }
}
