package io.bftvote.gateway;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code perSecond}, and each request
 * takes one. Time is passed in (nanoseconds from any fixed origin), so tests need no clock.
 * Not thread-safe: {@link RateLimiter} guards it.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long updatedAt;

  TokenBucket(double perSecond, int burst, long now) {
    this.tokensPerNano = perSecond / NANOS_PER_SECOND;
    this.capacity = burst;
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token and returns 0, or takes nothing and returns the nanoseconds until one is due. */
  long take(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
  }

  private void refill(long now) {
    long elapsed = now - updatedAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      updatedAt = now;
    }
  }
}
