/**
 * A deterministic simulation of a whole bftvote cluster in one thread (after TigerBeetle's VOPR and
 * FoundationDB's simulator): n real {@link io.bftvote.replica.core.Pbft} cores, each with an
 * in-memory ledger and sent log, over a simulated Kafka that loses, duplicates, delays, reorders
 * and partitions, with crashes and restarts and up to f Byzantine replicas, all drawn from one
 * seed. Checkers assert agreement and validity after every step and liveness once the network
 * heals. {@link io.bftvote.replica.sim.Simulation#run} runs one seed;
 * {@link io.bftvote.replica.sim.SimulationMain} runs many from the command line.
 *
 * <p>Signatures are a keyed hash here, not Ed25519, so thousands of seeds run in seconds; each
 * simulated replica only ever holds its own signer, so within the simulation they are unforgeable.
 */
package io.bftvote.replica.sim;
