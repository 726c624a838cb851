/**
 * The thin adapter between the pure PBFT core and Kafka: topic readers that parse and verify at
 * the edge, one event-loop thread that owns the core and the ledger and carries out the core's
 * actions, and one producer. {@link io.bftvote.replica.kafka.KafkaReplica} wires them together.
 */
package io.bftvote.replica.kafka;
