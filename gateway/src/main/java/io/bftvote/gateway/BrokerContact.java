package io.bftvote.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * When the broker last answered a {@link TopicTail}, and whether the tail has read all that its
 * topic held when it started. A Kafka consumer's poll looks the same whether the broker is idle
 * or gone, so the tail asks for end offsets now and then and records each answer here;
 * {@code /health} reads the replies tail's.
 */
final class BrokerContact {
  private volatile long lastAnswerNanos;
  private volatile boolean everAnswered;
  private volatile boolean caughtUp;

  void answered() {
    lastAnswerNanos = System.nanoTime();
    everAnswered = true;
  }

  /** The tail has read every record that existed when it started. */
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
