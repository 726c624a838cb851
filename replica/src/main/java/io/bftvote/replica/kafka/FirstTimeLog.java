package io.bftvote.replica.kafka;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which kinds of trouble were already logged in detail, so an operator sees the first
 * occurrence of each with its details and the metrics count the rest, instead of a log flood from
 * a faulty peer. Bounded: past {@link #LIMIT} kinds, nothing more is remembered (or logged).
 */
final class FirstTimeLog {
  static final int LIMIT = 256;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** True exactly once per kind (while fewer than {@link #LIMIT} kinds were seen). */
  boolean firstTime(String kind) {
    return seen.size() < LIMIT && seen.add(kind);
  }
}
