/**
 * The tally app: a Kafka Streams application that counts the ballots of certified blocks from
 * {@code bft.blocks}, once per height, by re-executing the ledger rules, and serves the counts
 * over HTTP from its state stores.
 */
package io.bftvote.tally;
