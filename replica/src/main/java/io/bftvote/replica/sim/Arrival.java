package io.bftvote.replica.sim;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;

/** Something the simulated world hands one replica at one moment of virtual time. */
sealed interface Arrival {
  /** A ballot read from the requests topic. */
  record Request(Ballot ballot) implements Arrival {}

  /** A message read from the consensus topic; the edge has yet to check its signature. */
  record Message(ConsensusMessage message) implements Arrival {}

  /** A block read from the blocks topic; the edge has yet to check its certificate. */
  record BlockPublished(CertifiedBlock block) implements Arrival {}

  /** The replica's periodic timer. */
  record Tick() implements Arrival {}

  /** The process dies: everything in memory is lost, the ledger and the sent log stay. */
  record Crash() implements Arrival {}

  /** The process comes back from what it persisted. */
  record Restart() implements Arrival {}
}
