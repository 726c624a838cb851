package io.bftvote.gateway;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The most recent keys a feed has delivered, so a record redelivered by Kafka, or published by
 * each of the n replicas, reaches the clients once. Bounded: past {@code capacity} the oldest key
 * is forgotten, and a copy of it arriving much later would be delivered again (the dashboard
 * deduplicates too).
 */
final class SeenKeys<K> {
  private final int capacity;
  private final Set<K> keys = new LinkedHashSet<>();

  SeenKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** True if the key was seen (within the window); does not record it. */
  synchronized boolean contains(K key) {
    return keys.contains(key);
  }

  /** True the first time a key is seen (within the window), false for a repeat. */
  synchronized boolean firstTime(K key) {
    if (!keys.add(key)) {
      return false;
    }
    if (keys.size() > capacity) {
      keys.remove(keys.iterator().next());
    }
    return true;
  }
}
