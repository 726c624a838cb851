package io.bftvote.bench;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Json;

/**
 * A ballot signed before the clock starts, kept in the form it travels in: the exact JSON body,
 * the voter (the {@code bft.requests} key) and the request id replies are keyed by. Nothing is
 * encoded or hashed while the load runs.
 */
record SignedBallot(String requestId, String voter, byte[] json) {
  static SignedBallot of(Ballot ballot) {
    return new SignedBallot(ballot.requestId(), ballot.voter(), Json.write(ballot));
  }
}
