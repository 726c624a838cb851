/**
 * What a replica keeps on disk: the hash-chained ledger of executed blocks ({@code blocks.jsonl},
 * with the point to resume reading requests from) and the write-ahead log of every message it
 * signed ({@code sent.jsonl}). Both survive {@code kill -9}: only a torn last line can be lost,
 * and it was never synced, so nothing relied on it. Both are {@link io.bftvote.replica.ledger.Syncable}:
 * the event loop appends, another thread forces them to the disk.
 */
package io.bftvote.replica.ledger;
