/**
 * JMH micro-benchmarks of the per-vote hot paths: Ed25519 signing and verification, a ballot's
 * signed bytes and request id, the batch digest, the consensus wire encoding, the reply tree and
 * a client's check of each reply, and the PBFT core's prepare/commit round. Run with
 * {@code ./bftvote bench --jmh [REGEX]}.
 */
package io.bftvote.bench.jmh;
