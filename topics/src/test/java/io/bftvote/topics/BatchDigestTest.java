package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** d = D(m) is a contract between replicas, and the tally re-checks it: it must never drift. */
class BatchDigestTest {
  private static List<Ballot> threeBallotsOfFixedVoters() {
    List<Ballot> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Ed25519.KeyPair voter = Ed25519.KeyPair.fromPrivate(Bytes.sha256(Bytes.utf8("golden voter " + i)));
      batch.add(Ballot.sign(voter, "demo", "alice", "n-" + i));
    }
    return batch;
  }

  @Test
  void theDigestOfABatchIsWhatItAlwaysWas() {
    assertEquals("3013a66b8d0603861496672f4151efc12e6af23cc17365b49bb737ef77c5abd0",
        BatchDigest.of(threeBallotsOfFixedVoters()));
    assertEquals("2a0421044a2b100078a4a39ec187d9e4be9afa164fea3382145dd252abc1087c", BatchDigest.of(List.of()));
  }

  @Test
  void malformedBallotsAreDigestedAsTheirTextNotRefused() {
    List<Ballot> batch = threeBallotsOfFixedVoters();
    batch.add(new Ballot("demo", "v", "bob", "n", null));
    batch.add(new Ballot("d\u00e9mo", "v", "bob", "n", "sig\u00e9\u2713" + "x".repeat(200)));
    assertEquals("15af9e73d00c8edf0e9393d00e9c9d976d30c49295c4c259ac19199a3cfc2324", BatchDigest.of(batch));
  }
}
