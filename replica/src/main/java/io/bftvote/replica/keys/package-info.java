/**
 * Sets of fixed-width binary keys (request ids, voter keys, signatures) held in primitive arrays.
 * A replica remembers every request id it executed and every voter who voted, and caches the
 * ballots it verified: as {@code HashSet<String>} of text ids that is ~150 bytes and three objects
 * per entry, which every old-generation collection traces and a loaded devnet spent seconds a
 * minute on. Here an entry costs its own bytes over the load factor, and the collector sees one
 * array.
 */
package io.bftvote.replica.keys;
