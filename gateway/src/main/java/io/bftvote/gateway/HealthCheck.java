package io.bftvote.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Whether the gateway can do its job: hand votes to the broker and hear replies back. */
final class HealthCheck {
  /** Several missed probes (one every 2 s), not one slow answer. */
  static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);

  private final BooleanSupplier repliesConsumerRuns;
  private final BrokerContact contact;

  HealthCheck(BooleanSupplier repliesConsumerRuns, BrokerContact contact) {
    this.repliesConsumerRuns = repliesConsumerRuns;
    this.contact = contact;
  }

  /** Why the gateway is unhealthy, or null if it is fine. */
  String problem() {
    if (!repliesConsumerRuns.getAsBoolean()) {
      return "the replies consumer has stopped; outcomes are no longer learned";
    }
    Optional<Duration> silence = contact.silence();
    if (silence.isEmpty()) {
      return "the broker has not answered yet";
    }
    if (silence.get().compareTo(SILENCE_LIMIT) > 0) {
      return "the broker has not answered for " + silence.get().toSeconds() + " s";
    }
    return null;
  }
}
