package io.bftvote.cli.dashboard;

import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A replica that lies from the outside: with its own key, it publishes two prepares for the same
 * (view, sequence) with different digests straight to {@code bft.consensus}. Both are validly
 * signed, so together they prove the equivocation (DESIGN.md, Detections).
 */
final class EquivocatingReplica {
  private final int id;
  private final Ed25519.KeyPair key;

  EquivocatingReplica(int id, Ed25519.KeyPair key) {
    this.id = id;
    this.key = key;
  }

  void signTwoPrepares(String bootstrapServers, String consensusTopic, long view, long sequence)
      throws InterruptedException, ExecutionException {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (String batch : new String[] {"the batch shown to half the replicas", "the batch shown to the others"}) {
        ConsensusMessage prepare = ConsensusMessage.of(Phase.PREPARE, view, sequence,
            Bytes.sha256Hex(Bytes.utf8(batch)), id).signedBy(key);
        producer.send(new ProducerRecord<>(consensusTopic, String.valueOf(id), Json.write(prepare))).get();
      }
    }
  }
}
