package io.bftvote.replica.sim;

import io.bftvote.replica.core.Pbft;
import io.bftvote.replica.core.PbftConfig;
import io.bftvote.replica.core.Signer;
import io.bftvote.replica.core.Verifier;

/**
 * How the simulation builds a replica's core, fresh or after a restart. The default is the real
 * {@link Pbft}; a test may hand in a deliberately broken one to prove the checkers can fail.
 */
@FunctionalInterface
public interface CoreFactory {
  CoreFactory REAL = Pbft::new;

  Pbft create(PbftConfig config, Signer signer, Verifier verifier, long executedHeight, long view);
}
