/**
 * The wire contract of bftvote: topic names and configs, the message types that travel on them,
 * their canonical signing bytes, Ed25519 signing and verification, JSON serdes, key files, and
 * the ledger rules every replica (and the tally app) executes identically.
 *
 * <p>Everything here is shared by every component, so it changes only with DESIGN.md.
 */
package io.bftvote.topics;
