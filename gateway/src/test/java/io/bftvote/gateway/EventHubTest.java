package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventHubTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventHub hub = new EventHub(2, new GatewayMetrics(registry, new BrokerContact()));

  /** A client that records what it was sent, and can be told to stop reading. */
  static final class FakeSubscriber implements EventHub.Subscriber {
    final List<String> frames = new ArrayList<>();
    boolean backedUp;
    boolean disconnected;

    @Override
    public boolean isBackedUp() {
      return backedUp;
    }

    @Override
    public void send(Buffer frame) {
      frames.add(frame.toString());
    }

    @Override
    public void disconnect() {
      disconnected = true;
    }
  }

  @Test
  void anEventIsFramedAsServerSentEventsWithItsJsonOnOneDataLine() {
    assertEquals("event: block\ndata: {\"height\":7}\n\n", EventHub.frame("block", Map.of("height", 7)).toString());
  }

  @Test
  void eachSubscriberGetsOnlyTheEventsItAskedFor() {
    FakeSubscriber dashboard = new FakeSubscriber();
    FakeSubscriber operator = new FakeSubscriber();
    hub.subscribe(dashboard, Set.of("block", "detection"));
    hub.subscribe(operator, Set.of("detection"));

    hub.publish("block", Map.of("height", 1));
    hub.publish("detection", Map.of("accused", 3));

    assertEquals(2, dashboard.frames.size());
    assertEquals(List.of("event: detection\ndata: {\"accused\":3}\n\n"), operator.frames);
  }

  @Test
  void aSubscriberThatDoesNotKeepUpIsDisconnectedInsteadOfBufferedForever() {
    FakeSubscriber slow = new FakeSubscriber();
    FakeSubscriber fast = new FakeSubscriber();
    hub.subscribe(slow, Set.of("block"));
    hub.subscribe(fast, Set.of("block"));
    slow.backedUp = true;

    hub.publish("block", Map.of("height", 1));

    assertTrue(slow.disconnected);
    assertTrue(slow.frames.isEmpty());
    assertEquals(1, fast.frames.size());
    assertEquals(1, hub.size());
    assertEquals(1.0, registry.get("gateway.streams.dropped").counter().count());
  }

  @Test
  void subscribersPastTheLimitAreRefusedWithAReason() {
    assertTrue(hub.subscribe(new FakeSubscriber(), Set.of("block")));
    assertTrue(hub.subscribe(new FakeSubscriber(), Set.of("block")));
    assertFalse(hub.subscribe(new FakeSubscriber(), Set.of("block")));
    assertEquals("the gateway already serves 2 live streams; try again later", hub.refusal());
  }

  @Test
  void aLeavingSubscriberMakesRoomAndHearsNothingMore() {
    FakeSubscriber leaving = new FakeSubscriber();
    hub.subscribe(leaving, Set.of("block"));
    hub.subscribe(new FakeSubscriber(), Set.of("block"));
    hub.unsubscribe(leaving);
    hub.publish("block", Map.of("height", 1));
    assertTrue(leaving.frames.isEmpty());
    assertNull(hub.refusal());
  }

  @Test
  void nobodyListeningMeansNothingIsEvenSerialised() {
    FakeSubscriber operator = new FakeSubscriber();
    hub.subscribe(operator, Set.of("detection"));
    assertFalse(hub.hasListeners("cluster"));
    hub.publish("cluster", new Object() {}); // Jackson could not write this: it must not be asked to
    assertTrue(operator.frames.isEmpty());
  }

  @Test
  void closingEndsEveryStreamAndRefusesNewOnes() {
    FakeSubscriber a = new FakeSubscriber();
    hub.subscribe(a, Set.of("block"));
    hub.closeAll();
    assertTrue(a.disconnected);
    assertEquals("the gateway is shutting down; reconnect in a moment", hub.refusal());
    assertFalse(hub.subscribe(new FakeSubscriber(), Set.of("block")));
  }

  @Test
  void heartbeatsAreCommentsThatEveryClientIgnores() {
    FakeSubscriber a = new FakeSubscriber();
    hub.subscribe(a, Set.of("block"));
    hub.heartbeat();
    assertEquals(List.of(": keep-alive\n\n"), a.frames);
  }
}
