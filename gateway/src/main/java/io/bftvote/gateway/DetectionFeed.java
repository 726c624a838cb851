package io.bftvote.gateway;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of {@code bft.detections} into live {@code detection} events. The gateway does not
 * take the tally's word for an accusation: anyone can write to the topic, so a detection is passed
 * on only if its two signed messages prove the equivocation ({@link Detection#problem}); the rest
 * are dropped and counted. One event per (accused, view, sequence, phase), as DESIGN.md promises.
 */
final class DetectionFeed implements Consumer<ConsumerRecord<String, byte[]>> {
  private static final Logger log = LoggerFactory.getLogger(DetectionFeed.class);
  private static final int REMEMBERED = 10_000;

  private final Cluster cluster;
  private final GatewayMetrics metrics;
  private final Consumer<Detection> deliver;
  private final SeenKeys<String> delivered = new SeenKeys<>(REMEMBERED);

  DetectionFeed(Cluster cluster, GatewayMetrics metrics, Consumer<Detection> deliver) {
    this.cluster = cluster;
    this.metrics = metrics;
    this.deliver = deliver;
  }

  @Override
  public void accept(ConsumerRecord<String, byte[]> record) {
    Detection detection;
    try {
      detection = Json.read(record.value() == null ? new byte[0] : record.value(), Detection.class);
    } catch (Json.MalformedException e) {
      refuse("unreadable", "not a detection: " + e.getMessage(), record);
      return;
    }
    String problem = proofProblem(detection);
    if (problem != null) {
      refuse("unproven", problem, record);
      return;
    }
    if (!delivered.firstTime(keyOf(detection))) {
      return; // redelivered: clients have it already
    }
    metrics.detectionVerified();
    log.warn("replica {} equivocated at view {}, sequence {}, {}: two validly signed messages with different digests",
        detection.accused(), detection.view(), detection.sequence(), detection.phase());
    deliver.accept(detection);
  }

  /** Why this detection proves nothing; malformed evidence (nulls where fields belong) proves nothing too. */
  private String proofProblem(Detection detection) {
    try {
      return detection.problem(cluster);
    } catch (RuntimeException malformed) {
      return "the evidence is malformed: " + malformed;
    }
  }

  static String keyOf(Detection d) {
    return d.accused() + "/" + d.view() + "/" + d.sequence() + "/" + d.phase();
  }

  private void refuse(String reason, String why, ConsumerRecord<String, byte[]> record) {
    metrics.detectionRefused(reason);
    log.warn("ignoring the detection at {}@{}: {}", record.topic(), record.offset(), why);
  }
}
