package io.bftvote.cli.operator;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Detection;
import java.util.Optional;

/** How operators read a detection: short digests, the slot it is about, and whether it proves anything. */
final class Evidence {
  private static final int SHORT_DIGEST = 8;

  private Evidence() {
  }

  /**
   * Why this detection does not prove equivocation, or empty if it does. A detection read off a
   * topic or a file is untrusted input: evidence with missing fields proves nothing, it never crashes us.
   */
  static Optional<String> problem(Detection detection, Cluster cluster) {
    try {
      return Optional.ofNullable(detection.problem(cluster));
    } catch (RuntimeException malformed) {
      return Optional.of("the evidence is malformed (" + malformed + ")");
    }
  }

  /** "view 0, sequence 12, prepare": the slot (PBFT §4.2) the accused signed twice. */
  static String slot(Detection detection) {
    return "view " + detection.view() + ", sequence " + detection.sequence() + ", " + detection.phase();
  }

  /** "1a2b3c4d…", or "1a2b3c4d… to replica 2" for a message addressed to one replica. */
  static String digestOf(ConsensusMessage message) {
    if (message == null) {
      return "(missing)";
    }
    String text = shortDigest(message.digest());
    return message.to() == null ? text : text + " to replica " + message.to();
  }

  static String shortDigest(String digest) {
    return digest == null ? "(no digest)" : shortDigest(digest, SHORT_DIGEST);
  }

  /** The first {@code length} characters and an ellipsis: enough to tell hashes apart at a glance. */
  static String shortDigest(String hash, int length) {
    if (hash == null) {
      return "-";
    }
    return hash.length() <= length ? hash : hash.substring(0, length) + "…";
  }
}
