package io.bftvote.cli.operator;

import io.bftvote.cli.operator.DetectionLine.Unproven;
import io.bftvote.cli.operator.DetectionLine.Verification;
import io.bftvote.cli.operator.DetectionLine.Verified;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Prints each record of {@code bft.detections} as it arrives: one line on stdout per detection,
 * problems on stderr. Anyone who may write to the topic can write anything there, so every
 * detection is re-verified here and says whether its evidence holds.
 */
final class DetectionPrinter implements Consumer<ConsumerRecord<byte[], byte[]>> {
  private final Optional<Cluster> cluster;
  private final boolean json;
  private final PrintWriter out;
  private final PrintWriter err;
  private long verified;
  private long unproven;
  private long unchecked;
  private long unreadable;

  DetectionPrinter(Optional<Cluster> cluster, boolean json, PrintWriter out, PrintWriter err) {
    this.cluster = cluster;
    this.json = json;
    this.out = out;
    this.err = err;
  }

  @Override
  public void accept(ConsumerRecord<byte[], byte[]> record) {
    Detection detection;
    try {
      detection = Json.read(record.value() == null ? new byte[0] : record.value(), Detection.class);
    } catch (Json.MalformedException e) {
      unreadable++;
      err.println("bftvote detections: skipping the record at offset " + record.offset() + ", it is not a detection: "
          + e.getMessage());
      return;
    }
    Verification verification = DetectionLine.verify(detection, cluster);
    count(verification);
    if (json) {
      out.println(DetectionLine.json(detection));
      if (verification instanceof Unproven) {
        err.println("bftvote detections: the detection at offset " + record.offset() + " proves nothing: "
            + verification.describe());
      }
    } else {
      out.println(DetectionLine.readable(detection, verification));
    }
    out.flush();
  }

  private void count(Verification verification) {
    if (verification instanceof Verified) {
      verified++;
    } else if (verification instanceof Unproven) {
      unproven++;
    } else {
      unchecked++;
    }
  }

  /** For example "2 detections (2 verified)", or that none was found, which is good news. */
  String summary(String topic) {
    long total = verified + unproven + unchecked;
    if (total == 0 && unreadable == 0) {
      return "no detections on " + topic + ": no replica has been caught equivocating";
    }
    StringBuilder text = new StringBuilder().append(total).append(total == 1 ? " detection" : " detections")
        .append(" on ").append(topic).append(" (").append(verified).append(" verified");
    if (unproven > 0) {
      text.append(", ").append(unproven).append(" not proven");
    }
    if (unchecked > 0) {
      text.append(", ").append(unchecked).append(" not checked: pass --cluster FILE");
    }
    if (unreadable > 0) {
      text.append(", ").append(unreadable).append(" unreadable records skipped");
    }
    return text.append(')').toString();
  }
}
