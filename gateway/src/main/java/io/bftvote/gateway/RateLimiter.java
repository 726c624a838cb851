package io.bftvote.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per client. The map of buckets is bounded: past {@code maxClients} the
 * least recently seen client is forgotten. A forgotten client starts again with a full bucket,
 * which only matters to someone spreading a flood over more addresses than the bound, and such a
 * flood is not something a per-address limit can stop anyway.
 */
final class RateLimiter {
  static final int DEFAULT_MAX_CLIENTS = 100_000;

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets;

  RateLimiter(double perSecond, int burst, int maxClients, LongSupplier nanoClock) {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be positive, got " + maxClients);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
        return size() > maxClients;
      }
    };
  }

  static RateLimiter of(ApiLimits limits) {
    return new RateLimiter(limits.votesPerSecond(), limits.voteBurst(), DEFAULT_MAX_CLIENTS, System::nanoTime);
  }

  /** Zero if {@code client} may go ahead now (and it is counted), else how long it should wait. */
  synchronized Duration delay(String client) {
    long now = nanoClock.getAsLong();
    TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(perSecond, burst, now));
    return Duration.ofNanos(bucket.take(now));
  }

  double perSecond() {
    return perSecond;
  }

  int burst() {
    return burst;
  }

  synchronized int trackedClients() {
    return buckets.size();
  }
}
