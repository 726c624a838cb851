package io.bftvote.tally;

import static io.bftvote.tally.TestReplicas.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Phase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's memory is bounded: settled sequences are purged, and each replica has a cap. */
class DetectionWindowTest {
  /** The default window, and a cap small enough to reach in a test. */
  private static final DetectionBounds BOUNDS = new DetectionBounds(DetectionBounds.DEFAULT.watermarkWindow(), 16);
  @TempDir Path stateDir;
  private TallyHarness tally;
  private KeyValueStore<String, SlotEntry> slots;
  private final String digestA = digest("batch A");
  private final String digestB = digest("batch B");

  @BeforeEach
  void startTopology() {
    tally = new TallyHarness(stateDir, new SimpleMeterRegistry(), BOUNDS);
    slots = tally.driver.getKeyValueStore(DetectionStores.SLOTS);
  }

  @AfterEach
  void stopTopology() {
    tally.close();
  }

  @Test
  void slotsTwoWatermarkWindowsBelowTheProgressOfFPlusOneReplicasArePurgedAndIgnored() {
    tally.publish(prepare(0, 6, digestA, 3));
    tally.publish(prepare(0, 7, digestA, 2));
    long progress = 6 + BOUNDS.keep(); // window floor = progress − 2k = 6
    tally.publish(prepare(0, progress, digestA, 0));
    publishAfterAPurgeInterval(prepare(0, progress, digestA, 1)); // f+1 = 2 replicas have reached it

    assertNull(slots.get(new Slot(3, 0, 6, Phase.PREPARE).key()), "sequence 6 is settled and purged");
    assertNotNull(slots.get(new Slot(2, 0, 7, Phase.PREPARE).key()), "sequence 7 is still in the window");
    assertEquals(3, tally.gauge("bftvote.tally.detection.slots"));

    tally.publish(prepare(0, 6, digestB, 3)); // too late to matter: no detection
    tally.publish(prepare(0, 7, digestB, 2)); // still in the window: caught

    assertEquals(1, tally.published().size());
    assertEquals(1, tally.counter("bftvote.tally.consensus.stale"));
  }

  @Test
  void oneLiarSigningAHugeSequenceCannotSettleAnyonesSlots() {
    tally.publish(prepare(0, 5, digestA, 3));
    publishAfterAPurgeInterval(prepare(0, 1_000_000_000L, digestA, 2)); // one replica alone is not f+1

    tally.publish(prepare(0, 5, digestB, 3));

    assertEquals(1, tally.published().size());
    assertEquals(0, tally.counter("bftvote.tally.consensus.stale"));
  }

  @Test
  void replicaAtItsCapForgetsItsOwnLowestSequenceAndNoOneElses() {
    tally.publish(prepare(0, 1, digestA, 3));
    tally.publish(prepare(0, 1, digestA, 1));
    for (long view = 1; view < BOUNDS.maxSlotsPerReplica(); view++) {
      tally.publish(tally.replicas.signed(Phase.COMMIT, view, 2, digestA, 3)); // a liar filling its memory
    }
    tally.publish(prepare(0, 3, digestA, 3)); // one over the cap: replica 3's sequence 1 goes

    tally.publish(prepare(0, 1, digestB, 3));
    tally.publish(prepare(0, 1, digestB, 1));

    List<KeyValue<String, Detection>> published = tally.published();
    assertEquals(1, published.size());
    assertEquals("1", published.get(0).key, "only replica 1's conflict at sequence 1 is still caught");
    assertEquals(1, tally.counter("bftvote.tally.detection.slots.evicted"));
    assertEquals(BOUNDS.maxSlotsPerReplica() + 1, tally.gauge("bftvote.tally.detection.slots"));
    assertEquals(1, tally.counter("bftvote.tally.consensus.stale"));
  }

  /** Publishes a message stamped far enough ahead of the others that the purge runs after it. */
  private void publishAfterAPurgeInterval(ConsensusMessage message) {
    tally.publish(message, TallyHarness.START.plus(EquivocationProcessor.PURGE_INTERVAL.multipliedBy(100)));
  }

  private ConsensusMessage prepare(long view, long sequence, String digest, int replica) {
    return tally.replicas.signed(Phase.PREPARE, view, sequence, digest, replica);
  }
}
