package io.bftvote.gateway;

import io.bftvote.topics.Json;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clients of the server-sent-event streams and the events each one asked for. Confined to
 * the HTTP event loop, hence no locks; Kafka threads reach it through {@link LoopHandoff}.
 *
 * <p>Bounded twice: at most {@code limit} subscribers, and a subscriber whose write buffer is full
 * when the next event comes is disconnected rather than buffered for without end. A dropped
 * browser reconnects by itself (EventSource retries) and starts again from fresh data.
 */
final class EventHub {
  /** One connected stream client; {@link SseSubscriber} is the HTTP one. */
  interface Subscriber {
    /** True if the client has not read what was already sent, up to its buffer bound. */
    boolean isBackedUp();

    void send(Buffer frame);

    void disconnect();
  }

  private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");

  private final int limit;
  private final GatewayMetrics metrics;
  private final Map<Subscriber, Set<String>> subscribers = new LinkedHashMap<>();
  /** The events someone asked for: written on the loop, read by Kafka threads deciding what to check. */
  private volatile Set<String> watched = Set.of();
  private boolean closed;

  EventHub(int limit, GatewayMetrics metrics) {
    this.limit = limit;
    this.metrics = metrics;
  }

  /** Why a new subscriber cannot be taken now, or null if it can. */
  String refusal() {
    if (closed) return "the gateway is shutting down; reconnect in a moment";
    if (subscribers.size() >= limit) return "the gateway already serves " + limit + " live streams; try again later";
    return null;
  }

  /** Adds a subscriber for the named events; false (and nothing added) if {@link #refusal()} says no. */
  boolean subscribe(Subscriber subscriber, Set<String> events) {
    if (refusal() != null) {
      return false;
    }
    subscribers.put(subscriber, Set.copyOf(events));
    subscribersChanged();
    return true;
  }

  void unsubscribe(Subscriber subscriber) {
    if (subscribers.remove(subscriber) != null) {
      subscribersChanged();
    }
  }

  /** Whether any subscriber asked for this event; safe to ask from any thread. */
  boolean hasListeners(String event) {
    return watched.contains(event);
  }

  private void subscribersChanged() {
    Set<String> events = new HashSet<>();
    subscribers.values().forEach(events::addAll);
    watched = Set.copyOf(events);
    metrics.streamSubscribers(subscribers.size());
  }

  /** Sends the event to every subscriber that asked for it; the JSON is written once for all. */
  void publish(String event, Object data) {
    if (!hasListeners(event)) {
      return;
    }
    Buffer frame = frame(event, data);
    for (Map.Entry<Subscriber, Set<String>> entry : new ArrayList<>(subscribers.entrySet())) {
      if (entry.getValue().contains(event)) {
        deliver(entry.getKey(), frame);
      }
    }
  }

  /** Sends one event to one subscriber: what it missed before it connected. */
  void sendTo(Subscriber subscriber, String event, Object data) {
    if (subscribers.containsKey(subscriber)) {
      deliver(subscriber, frame(event, data));
    }
  }

  /** A comment line now and then keeps proxies and browsers from closing an idle stream. */
  void heartbeat() {
    for (Subscriber subscriber : new ArrayList<>(subscribers.keySet())) {
      deliver(subscriber, HEARTBEAT);
    }
  }

  int size() {
    return subscribers.size();
  }

  /** Ends every stream and takes no new ones: the gateway is going away. */
  void closeAll() {
    closed = true;
    List<Subscriber> all = new ArrayList<>(subscribers.keySet());
    subscribers.clear();
    subscribersChanged();
    all.forEach(Subscriber::disconnect);
  }

  /** An SSE frame; the JSON is on one line, as Jackson writes it, so one data field holds it. */
  static Buffer frame(String event, Object data) {
    return Buffer.buffer("event: " + event + "\ndata: " + Json.writeString(data) + "\n\n");
  }

  private void deliver(Subscriber subscriber, Buffer frame) {
    if (subscriber.isBackedUp()) {
      unsubscribe(subscriber);
      metrics.streamDropped();
      subscriber.disconnect();
      return;
    }
    subscriber.send(frame);
  }
}
