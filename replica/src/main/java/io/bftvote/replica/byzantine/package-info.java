/**
 * Byzantine replicas on demand: each {@link io.bftvote.replica.byzantine.Misbehaviour} rewrites
 * what an honest core asked its adapter to send, so the lies live here and never in the core.
 * Whatever a faulty replica makes up, it can sign only with its own key (PBFT §2: "we assume
 * that the adversary cannot subvert the cryptographic techniques").
 */
package io.bftvote.replica.byzantine;
