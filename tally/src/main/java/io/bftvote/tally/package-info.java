/**
 * The tally app: a Kafka Streams application that counts the ballots of certified blocks from
 * {@code bft.blocks}, once per height, by re-executing the ledger rules, and serves the counts
 * over HTTP from its state stores; and catches replicas that sign two digests for one slot on
 * {@code bft.consensus}, publishing each equivocation once, with its signed evidence, to
 * {@code bft.detections}.
 */
package io.bftvote.tally;
