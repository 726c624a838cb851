package io.bftvote.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes the Kafka clients' own metrics (send rates, request latency, consumer lag, ...) on
 * {@code /metrics}, tagged by client id. One small thread refreshes them for all clients; close
 * this before the clients, so it never asks a closed client.
 */
final class KafkaClientMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gateway-kafka-metrics");
    t.setDaemon(true);
    return t;
  });
  private final List<KafkaClientMetrics> binders = new ArrayList<>();

  KafkaClientMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  synchronized <P extends Producer<?, ?>> P watch(P producer) {
    bind(new KafkaClientMetrics(producer, List.of(), refresher));
    return producer;
  }

  synchronized <C extends Consumer<?, ?>> C watch(C consumer) {
    bind(new KafkaClientMetrics(consumer, List.of(), refresher));
    return consumer;
  }

  private void bind(KafkaClientMetrics binder) {
    binder.bindTo(registry);
    binders.add(binder);
  }

  @Override
  public synchronized void close() {
    binders.forEach(KafkaClientMetrics::close);
    binders.clear();
    refresher.shutdownNow();
  }
}
