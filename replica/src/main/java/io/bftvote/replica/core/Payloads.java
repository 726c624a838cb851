package io.bftvote.replica.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON payloads of VIEW-CHANGE and NEW-VIEW messages. Their digest is the SHA-256 of the
 * payload's JSON as written by {@link Json}, so the signature over the digest covers the payload;
 * any reader re-serialises the tree it parsed and gets the same bytes, hence the same digest.
 */
final class Payloads {
  /** A payload that is not what its phase promises. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private Payloads() {}

  static String digest(JsonNode payload) {
    return Bytes.sha256Hex(Json.write(payload));
  }

  static ArrayNode array(List<ConsensusMessage> messages) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    messages.forEach(m -> array.add(Json.MAPPER.<JsonNode>valueToTree(m)));
    return array;
  }

  /**
   * Signed messages quoted as proof (checkpoints, pre-prepares, prepares), bare: without batch or
   * payload. Their signatures cover neither, so the proof holds without them, and leaving them out
   * keeps a quote from growing with whatever a faulty replica attached.
   */
  static ArrayNode bareArray(List<ConsensusMessage> messages) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    messages.forEach(m -> array.add(Json.MAPPER.<JsonNode>valueToTree(bare(m))));
    return array;
  }

  static ConsensusMessage bare(ConsensusMessage m) {
    return m.batch() == null && m.payload() == null ? m
        : new ConsensusMessage(m.phase(), m.view(), m.sequence(), m.digest(), m.sender(), m.to(), null, null,
            m.signature());
  }

  /** The messages of field {@code name} of {@code payload}, at most {@code limit} of them. */
  static List<ConsensusMessage> messages(JsonNode payload, String name, int limit) throws Malformed {
    JsonNode array = payload.get(name);
    if (array == null || !array.isArray()) {
      throw new Malformed("payload field '" + name + "' must be an array");
    }
    if (array.size() > limit) {
      throw new Malformed("payload field '" + name + "' holds " + array.size() + " messages, at most " + limit);
    }
    List<ConsensusMessage> messages = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      messages.add(message(node));
    }
    return messages;
  }

  static ConsensusMessage message(JsonNode node) throws Malformed {
    try {
      ConsensusMessage message = Json.MAPPER.treeToValue(node, ConsensusMessage.class);
      if (message == null || message.phase() == null || message.digest() == null || message.signature() == null) {
        throw new Malformed("a quoted message lacks its phase, digest or signature");
      }
      return message;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new Malformed("a quoted message does not parse: " + e.getMessage());
    }
  }

  /** Checks that the payload is an object and that the message's digest is the payload's. */
  static JsonNode payloadOf(ConsensusMessage message) throws Malformed {
    JsonNode payload = objectPayload(message);
    if (!digest(payload).equals(message.digest())) {
      throw new Malformed(message.phase() + " digest is not the SHA-256 of its payload");
    }
    return payload;
  }

  /** The message's payload, which must be a JSON object; its digest is the caller's to check. */
  static JsonNode objectPayload(ConsensusMessage message) throws Malformed {
    JsonNode payload = message.payload();
    if (payload == null || !payload.isObject()) {
      throw new Malformed(message.phase() + " must carry a JSON object payload");
    }
    return payload;
  }
}
