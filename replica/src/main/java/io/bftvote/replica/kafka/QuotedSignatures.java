package io.bftvote.replica.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the signed messages a VIEW-CHANGE or NEW-VIEW quotes, so that the consensus reader can
 * verify them all of a poll in one batch ({@link ConsensusGate#verifyQuoted}) before the core
 * reads them, and remember those that hold in {@link VerifiedSignatures}. The core still checks
 * every quoted message (only it knows which it relies on), and its check of each then costs a hash
 * instead of a signature on the event loop. Under overload at n = 7 the replicas' event loops spent
 * a fifth of their time verifying quoted checkpoints, prepares and pre-prepares one at a time, and
 * backups installed a NEW-VIEW seconds after their primary.
 *
 * <p>This is an optimisation only: what it fails to parse is left for the core to refuse. It looks
 * for signed messages by shape, not by the payload formats the core defines, and reads at most
 * {@link #limit} of them a message. Only the consensus reader's thread uses it.
 */
final class QuotedSignatures {
  /** A NEW-VIEW's payload holds view-changes, whose payloads hold certificates of messages. */
  private static final int MAX_DEPTH = 10;
  private final int limit;
  /** Signatures of view-changes and new-views already looked into: their senders repeat them. */
  private final Map<String, Boolean> seen;

  QuotedSignatures(int n, int limit) {
    this.limit = limit;
    int recent = 4 * n;
    this.seen = new LinkedHashMap<>(2 * recent, 0.75f) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > recent;
      }
    };
  }

  /** What the view-changes and new-views among {@code passed} quote, each looked into once. */
  List<ConsensusMessage> quotedBy(List<ConsensusMessage> passed) {
    List<ConsensusMessage> quoted = new ArrayList<>();
    for (ConsensusMessage m : passed) {
      boolean quotes = m.phase() == Phase.VIEW_CHANGE || m.phase() == Phase.NEW_VIEW;
      if (quotes && m.payload() != null && seen.put(m.signature(), Boolean.TRUE) == null) {
        List<ConsensusMessage> found = new ArrayList<>();
        collect(m.payload(), found, 0);
        quoted.addAll(found);
      }
    }
    return quoted;
  }

  /** Every object shaped like a signed message under {@code node}, and what their payloads quote. */
  private void collect(JsonNode node, List<ConsensusMessage> into, int depth) {
    if (depth > MAX_DEPTH || into.size() >= limit) {
      return;
    }
    if (node.isObject() && node.hasNonNull("signature") && node.hasNonNull("phase")) {
      ConsensusMessage message = parse(node);
      if (message != null) {
        into.add(message);
      }
      JsonNode payload = node.get("payload");
      if (payload != null) {
        collect(payload, into, depth + 1);
      }
      return;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        collect(child, into, depth + 1);
      }
    }
  }

  private static ConsensusMessage parse(JsonNode node) {
    // The signed fields only: the signature covers no batch or payload, and a quoted view-change's is large.
    ObjectNode header = Json.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getKey().equals("payload") && !field.getKey().equals("batch")) {
        header.set(field.getKey(), field.getValue());
      }
    }
    try {
      return Json.MAPPER.treeToValue(header, ConsensusMessage.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }
}
