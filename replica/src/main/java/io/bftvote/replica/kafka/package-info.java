/**
 * The thin adapter between the pure PBFT core and Kafka: topic readers that parse and verify at
 * the edge, one event-loop thread that owns the core and the ledger and carries out the core's
 * actions, one durability thread that syncs the loop's writes before anything depending on them
 * is published ({@link io.bftvote.replica.kafka.GroupCommit}), and one producer. {@link io.bftvote.replica.kafka.KafkaReplica} wires them together.
 */
package io.bftvote.replica.kafka;
