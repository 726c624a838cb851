package io.bftvote.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * When the broker last answered the replies consumer. A Kafka consumer's poll looks the same
 * whether the broker is idle or gone, so the consumer asks for end offsets now and then and
 * records each answer here; {@code /health} reads it.
 */
final class BrokerContact {
  private volatile long lastAnswerNanos;
  private volatile boolean everAnswered;
  private volatile boolean caughtUp;

  void answered() {
    lastAnswerNanos = System.nanoTime();
    everAnswered = true;
  }

  /** The consumer has read every reply that existed when it started. */
  void caughtUp() {
    caughtUp = true;
  }

  boolean isCaughtUp() {
    return caughtUp;
  }

  /** How long since the broker last answered; empty if it never has. */
  Optional<Duration> silence() {
    return everAnswered ? Optional.of(Duration.ofNanos(System.nanoTime() - lastAnswerNanos)) : Optional.empty();
  }
}
