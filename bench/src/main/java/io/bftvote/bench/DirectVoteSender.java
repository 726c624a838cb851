package io.bftvote.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces ballots straight to {@code bft.requests}, as the gateway would (keyed by voter, the
 * value the ballot's JSON), to measure the replicas and consensus alone. The producer settings
 * are the gateway's: acks=all and idempotent, so a ballot counts as taken once it is durable.
 */
final class DirectVoteSender implements VoteSender {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final String bootstrap;

  DirectVoteSender(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bftvote-bench-direct");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000"); // an overloaded broker still gets its say
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.bootstrap = bootstrap;
  }

  @Override
  public CompletionStage<Handover> send(SignedBallot ballot) {
    CompletableFuture<Handover> handed = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic, ballot.voter(), ballot.json()), (metadata, error) -> handed.complete(
          error == null ? Handover.TAKEN : Handover.refused("kafka-" + error.getClass().getSimpleName())));
    } catch (RuntimeException e) {
      handed.complete(Handover.refused("kafka-" + e.getClass().getSimpleName()));
    }
    return handed;
  }

  @Override
  public String mode() {
    return "direct";
  }

  @Override
  public String target() {
    return topic + " at " + bootstrap;
  }

  @Override
  public int clients() {
    return 1;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
