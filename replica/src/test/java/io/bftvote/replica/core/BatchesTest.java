package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batches a replica keeps for re-proposals: found by sequence and digest, and bounded. */
class BatchesTest {
  private final Fixture fixture = Fixture.of(4);
  private final Batches batches = new Batches();

  @Test
  void aKeptBatchIsFoundByItsSequenceAndDigestOnly() {
    List<Ballot> batch = fixture.ballots(2);
    String digest = BatchDigest.of(batch);
    batches.keep(5, digest, batch);

    assertEquals(batch, batches.find(5, digest));
    assertNull(batches.find(6, digest), "a re-proposal keeps its sequence: another one is another request");
    assertNull(batches.find(5, BatchDigest.of(fixture.ballots(1))));
  }

  @Test
  void aSequenceKeepsOnlyItsLatestFewDigestsHoweverManyViewsProposeIt() {
    List<List<Ballot>> proposed = List.of(fixture.ballots(1), fixture.ballots(1), fixture.ballots(1),
        fixture.ballots(1));
    proposed.forEach(batch -> batches.keep(7, BatchDigest.of(batch), batch));

    assertEquals(Batches.PER_SEQUENCE, batches.size());
    assertNull(batches.find(7, BatchDigest.of(proposed.get(0))), "the oldest goes first");
    assertEquals(proposed.get(3), batches.find(7, BatchDigest.of(proposed.get(3))));
  }

  @Test
  void aStableCheckpointDiscardsEveryBatchAtOrBelowIt() {
    List<Ballot> settled = fixture.ballots(1);
    List<Ballot> open = fixture.ballots(1);
    batches.keep(4, BatchDigest.of(settled), settled);
    batches.keep(5, BatchDigest.of(open), open);

    batches.discardUpTo(4);

    assertNull(batches.find(4, BatchDigest.of(settled)));
    assertEquals(open, batches.find(5, BatchDigest.of(open)));
  }
}
