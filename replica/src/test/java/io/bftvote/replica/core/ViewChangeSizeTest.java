package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import io.bftvote.topics.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worst VIEW-CHANGE and NEW-VIEW the default settings allow must fit one Kafka record: every
 * one of the L = 256 sequences of the log prepared with a full batch of 500 ballots, the numbers
 * as long as they get, every pre-prepare addressed to one replica. Before the P set named batches by
 * digest only, one such view-change was 38 MB and no view change could ever complete.
 */
class ViewChangeSizeTest {
  /** A stable checkpoint far along (a multiple of K = 128), in a view far along: long numbers. */
  private static final long LOW = 1_000_000_000_000L;
  private static final long NEW_VIEW = 1_000_000_000L;

  @Test
  void theLargestViewChangeAndNewViewOfFourReplicasFitOneRecord() {
    assertFitsOneRecord(4);
  }

  @Test
  void theLargestViewChangeAndNewViewOfSevenReplicasFitOneRecord() {
    assertFitsOneRecord(7);
  }

  private static void assertFitsOneRecord(int n) {
    Fixture fixture = Fixture.of(n);
    PbftConfig config = PbftConfig.defaults(0, fixture.cluster());
    QuorumRule quorum = new QuorumRule(fixture.cluster());
    ViewChangeGuards guards = new ViewChangeGuards(config, quorum, Verifier.ed25519(fixture.cluster()));
    List<PreparedCertificate> fullLog = fullLog(fixture, config, quorum);
    StableCheckpoint checkpoint = checkpoint(fixture, quorum);
    List<ConsensusMessage> viewChanges = new ArrayList<>();
    for (int sender = 0; sender < quorum.viewChanges(); sender++) {
      viewChanges.add(ViewChange.create(NEW_VIEW, checkpoint, fullLog, sender, fixture.signer(sender)));
    }
    int primary = config.primary(NEW_VIEW);
    List<ViewChange> decoded = viewChanges.stream().map(ViewChangeSizeTest::decode).toList();
    List<ConsensusMessage> reproposals =
        NewViewPlan.from(decoded).prePrepares(NEW_VIEW, primary, fixture.signer(primary));
    ConsensusMessage newView = NewView.create(NEW_VIEW, LOW, viewChanges, reproposals, primary,
        fixture.signer(primary));

    long batches = fullLog.stream().mapToLong(c -> Json.write(c.prePrepare()).length).sum();
    int viewChangeBytes = Json.write(viewChanges.get(0)).length;
    int newViewBytes = Json.write(newView).length;
    System.out.printf("n=%d, L=%d, %d ballots a batch: VIEW-CHANGE %,d bytes, NEW-VIEW %,d bytes, limit %,d "
            + "(the log's pre-prepares with their batches alone: %,d bytes)%n", n, config.watermarkWindow(),
        config.maxBatch(), viewChangeBytes, newViewBytes, Topics.MAX_MESSAGE_BYTES, batches);

    assertTrue(batches > Topics.MAX_MESSAGE_BYTES, "the batches alone would not fit: this log is the worst case");
    assertEquals(config.watermarkWindow(), decoded.get(0).prepared().size(), "a certificate for every sequence");
    assertNull(guards.viewChangeProblem(decoded.get(0)), "a valid view-change, batches left out");
    assertNull(guards.newViewProblem(decode(newView, n, config), m -> null, new ArrayList<>()), "a valid new-view");
    assertTrue(viewChangeBytes < Topics.MAX_MESSAGE_BYTES, "view-change of " + viewChangeBytes + " bytes");
    assertTrue(newViewBytes < Topics.MAX_MESSAGE_BYTES, "new-view of " + newViewBytes + " bytes");
  }

  /**
   * Every sequence of the log prepared in the view before, each pre-prepare carrying a full batch
   * of real ballots (one set of ballots, in a different order per sequence: a distinct digest each).
   */
  private static List<PreparedCertificate> fullLog(Fixture fixture, PbftConfig config, QuorumRule quorum) {
    long view = NEW_VIEW - 1;
    int primary = config.primary(view);
    int addressee = (primary + 1) % config.cluster().n();
    List<Ballot> ballots = new ArrayList<>(fixture.ballots(config.maxBatch()));
    List<PreparedCertificate> log = new ArrayList<>();
    for (long n = LOW + 1; n <= LOW + config.watermarkWindow(); n++) {
      Collections.rotate(ballots, 1);
      ConsensusMessage pp = fixture.prePrepare(primary, view, n, List.copyOf(ballots));
      pp = fixture.sign(primary, pp.addressedTo(addressee));
      List<ConsensusMessage> prepares = new ArrayList<>();
      for (int backup = 0; prepares.size() < quorum.prepares(); backup++) {
        if (backup != primary) {
          prepares.add(fixture.prepare(backup, view, n, pp.digest()));
        }
      }
      log.add(new PreparedCertificate(pp, prepares));
    }
    return log;
  }

  private static StableCheckpoint checkpoint(Fixture fixture, QuorumRule quorum) {
    String head = "ab".repeat(32);
    List<ConsensusMessage> proof = new ArrayList<>();
    for (int r = 0; r < quorum.checkpoints(); r++) {
      proof.add(fixture.sign(r, ConsensusMessage.of(Phase.CHECKPOINT, 0, LOW, head, r)));
    }
    return new StableCheckpoint(LOW, head, proof);
  }

  private static ViewChange decode(ConsensusMessage viewChange) {
    try {
      return ViewChange.decode(viewChange, (int) PbftConfig.DEFAULT_WATERMARK_WINDOW, 7);
    } catch (Payloads.Malformed e) {
      throw new AssertionError(e);
    }
  }

  private static NewView decode(ConsensusMessage newView, int n, PbftConfig config) {
    try {
      return NewView.decode(newView, n, (int) config.watermarkWindow());
    } catch (Payloads.Malformed e) {
      throw new AssertionError(e);
    }
  }
}
