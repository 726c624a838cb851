package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DetectionFeedTest {
  private final TestCluster replicas = new TestCluster();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Detection> delivered = new ArrayList<>();
  private final DetectionFeed feed = new DetectionFeed(replicas.cluster,
      new GatewayMetrics(registry, new BrokerContact()), delivered::add);
  private long offset;

  @Test
  void aProvenEquivocationIsPassedOnExactlyAsPublished() {
    Detection proof = replicas.equivocation(3, 0, 12, Phase.PREPARE);
    feed.accept(record(Json.write(proof)));
    assertEquals(List.of(proof), delivered);
  }

  @Test
  void aRedeliveredDetectionIsPassedOnOnce() {
    Detection proof = replicas.equivocation(3, 0, 12, Phase.PREPARE);
    feed.accept(record(Json.write(proof)));
    feed.accept(record(Json.write(proof)));
    feed.accept(record(Json.write(replicas.equivocation(3, 0, 12, Phase.COMMIT))));
    assertEquals(2, delivered.size(), "once per (accused, view, sequence, phase)");
  }

  @Test
  void evidenceNotSignedByTheAccusedProvesNothingAndIsCounted() {
    feed.accept(record(Json.write(replicas.forgedEquivocation(2, 0, 5, Phase.COMMIT))));
    assertTrue(delivered.isEmpty());
    assertEquals(1.0, registry.get("gateway.detections.invalid").tag("reason", "unproven").counter().count());
  }

  @Test
  void twoMessagesWithTheSameDigestAreNoEquivocation() {
    ConsensusMessage m = replicas.signed(Phase.PREPARE, 0, 5, "aa".repeat(32), 1);
    feed.accept(record(Json.write(new Detection(Detection.EQUIVOCATION, 1, 0, 5, Phase.PREPARE, List.of(m, m), "now"))));
    assertTrue(delivered.isEmpty());
  }

  @Test
  void evidenceWithHolesIsRefusedNotThrown() {
    ConsensusMessage noDigest = ConsensusMessage.of(Phase.PREPARE, 0, 5, null, 1);
    Detection holey = new Detection(Detection.EQUIVOCATION, 1, 0, 5, Phase.PREPARE, List.of(noDigest, noDigest), "now");
    feed.accept(record(Json.write(holey)));
    assertTrue(delivered.isEmpty());
    assertEquals(1.0, registry.get("gateway.detections.invalid").tag("reason", "unproven").counter().count());
  }

  @Test
  void bytesThatAreNotADetectionAreCountedAsUnreadable() {
    feed.accept(record("{\"kind\":\"equivocation\",\"extra\":1}".getBytes(StandardCharsets.UTF_8)));
    feed.accept(record(null));
    assertTrue(delivered.isEmpty());
    assertEquals(2.0, registry.get("gateway.detections.invalid").tag("reason", "unreadable").counter().count());
  }

  private ConsumerRecord<String, byte[]> record(byte[] value) {
    return new ConsumerRecord<>("bft.detections", 0, offset++, "3", value);
  }
}
