package io.bftvote.topics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The five topics of DESIGN.md, under one optional prefix. Every topic has one partition: PBFT
 * orders requests itself, and one partition keeps each replica's messages in the order it sent
 * them and lets the tally read blocks in height order.
 */
public final class Topics {
  public static final String REQUESTS = "bft.requests";
  public static final String CONSENSUS = "bft.consensus";
  public static final String REPLIES = "bft.replies";
  public static final String BLOCKS = "bft.blocks";
  public static final String DETECTIONS = "bft.detections";
  public static final List<String> ALL = List.of(REQUESTS, CONSENSUS, REPLIES, BLOCKS, DETECTIONS);
  /** Large enough for a full batch of ballots with its certificate. */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  private final String prefix;

  public Topics(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  public static Topics unprefixed() {
    return new Topics("");
  }

  public String prefix() {
    return prefix;
  }

  public String requests() {
    return prefix + REQUESTS;
  }

  public String consensus() {
    return prefix + CONSENSUS;
  }

  public String replies() {
    return prefix + REPLIES;
  }

  public String blocks() {
    return prefix + BLOCKS;
  }

  public String detections() {
    return prefix + DETECTIONS;
  }

  public List<String> all() {
    return ALL.stream().map(t -> prefix + t).toList();
  }

  /** The topics with their configs: blocks and detections are kept forever (the ledger's record). */
  public List<NewTopic> newTopics(short replicationFactor, int minInsyncReplicas) {
    Map<String, String> common = Map.of(
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES),
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
    return ALL.stream().map(name -> {
      Map<String, String> configs = new java.util.HashMap<>(common);
      if (name.equals(BLOCKS) || name.equals(DETECTIONS) || name.equals(REQUESTS)) {
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
      }
      return new NewTopic(prefix + name, 1, replicationFactor).configs(configs);
    }).toList();
  }

  /** Creates whichever topics are missing; existing ones are left as they are. */
  public void ensure(Admin admin, short replicationFactor, int minInsyncReplicas)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = newTopics(replicationFactor, minInsyncReplicas).stream()
        .filter(t -> !existing.contains(t.name())).toList();
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e; // someone else creating them at the same moment is fine; anything else is not
      }
    }
  }
}
