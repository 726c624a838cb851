package io.bftvote.replica.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentLogTest {
  private static final Ed25519.KeyPair KEY = Ed25519.KeyPair.generate();
  private static final Ed25519.KeyPair VOTER = Ed25519.KeyPair.generate();

  @TempDir Path dir;

  @Test
  void whatWasSignedAboveTheExecutedHeightIsRestoredAfterAReopen() {
    try (SentLog sent = SentLog.open(dir, 0)) {
      sent.append(prepare(1));
      sent.append(prepare(2));
      sent.append(prepare(3));
      sent.sync();
    }
    try (SentLog reopened = SentLog.open(dir, 1)) {
      assertEquals(List.of(prepare(2), prepare(3)), reopened.restored(),
          "exactly the signed messages above height 1, in signing order");
    }
  }

  @Test
  void theLatestViewChangeAndNewViewSurvivePruningAndReopenWhateverTheirSequence() {
    ConsensusMessage oldViewChange = viewMessage(Phase.VIEW_CHANGE, 1);
    ConsensusMessage viewChange = viewMessage(Phase.VIEW_CHANGE, 2);
    ConsensusMessage newView = viewMessage(Phase.NEW_VIEW, 2);
    try (SentLog sent = SentLog.open(dir, 0)) {
      sent.append(oldViewChange);
      sent.append(viewChange);
      sent.append(newView);
      sent.append(prepare(5));
      sent.sync();
      sent.prune(10); // their sequence (the stable checkpoint, 0) is far below the executed height
    }
    try (SentLog reopened = SentLog.open(dir, 10)) {
      assertEquals(List.of(viewChange, newView), reopened.restored(),
          "the view this replica moved to is remembered; the superseded view-change is not");
    }
  }

  @Test
  void aMessageTornByACrashBeforeItsSyncIsNotRestored() throws IOException {
    try (SentLog sent = SentLog.open(dir, 0)) {
      sent.append(prepare(1));
      sent.sync();
    }
    Files.writeString(dir.resolve(SentLog.FILE), "{\"phase\":\"prep", StandardOpenOption.APPEND);

    try (SentLog reopened = SentLog.open(dir, 0)) {
      assertEquals(List.of(prepare(1)), reopened.restored());
      reopened.append(prepare(2));
      reopened.sync();
    }
    try (SentLog again = SentLog.open(dir, 0)) {
      assertEquals(List.of(prepare(1), prepare(2)), again.restored());
    }
  }

  @Test
  void pruningBoundsTheFileAndKeepsWhatIsStillLive() {
    long rotateBytes = 4096;
    try (SentLog sent = SentLog.open(dir, 0, rotateBytes)) {
      LongStream.rangeClosed(1, 200).forEach(n -> {
        sent.append(prepare(n));
        sent.sync();
        sent.prune(n - 2); // the executed height trails what was signed
      });
      assertTrue(sent.fileBytes() <= 2 * rotateBytes, "the file stays bounded, was " + sent.fileBytes());
    }
    try (SentLog reopened = SentLog.open(dir, 198)) {
      assertEquals(List.of(prepare(199), prepare(200)), reopened.restored());
    }
  }

  @Test
  void aSyncFromTheDurabilityThreadWaitsOutEveryRotationAndLosesNoLiveRecord() throws InterruptedException {
    long rotateBytes = 4096;
    AtomicReference<Throwable> syncFailure = new AtomicReference<>();
    AtomicBoolean appending = new AtomicBoolean(true);
    try (SentLog sent = SentLog.open(dir, 0, rotateBytes)) {
      Thread durability = new Thread(() -> {
        try {
          while (appending.get()) {
            sent.sync(); // would force a closed channel, were it not for the rotation's lock
          }
        } catch (RuntimeException e) {
          syncFailure.set(e);
        }
      });
      durability.start();
      LongStream.rangeClosed(1, 300).forEach(n -> {
        sent.append(prepare(n)); // never synced by this thread: only the durability thread syncs
        sent.prune(n - 2);
      });
      appending.set(false);
      durability.join();
      assertEquals(null, syncFailure.get(), "no sync met a rotation half way");
      assertTrue(sent.fileBytes() <= 2 * rotateBytes, "rotations happened meanwhile, the file is " + sent.fileBytes());
    }
    try (SentLog reopened = SentLog.open(dir, 298)) {
      assertEquals(List.of(prepare(299), prepare(300)), reopened.restored());
    }
  }

  @Test
  void anAcceptedPrePrepareComesBackWithItsBatchApartFromWhatThisReplicaSigned() {
    ConsensusMessage accepted = prePrepare(0, 1);
    try (SentLog sent = SentLog.open(dir, 0)) {
      sent.appendAccepted(accepted);
      sent.append(prepare(1));
      sent.sync();
    }
    try (SentLog reopened = SentLog.open(dir, 0)) {
      assertEquals(List.of(prepare(1)), reopened.restored(), "only what this replica signed is said again");
      assertEquals(List.of(accepted), reopened.restoredAccepted(), "the primary's pre-prepare, batch and signature");
    }
    try (SentLog executed = SentLog.open(dir, 1)) {
      assertEquals(List.of(), executed.restoredAccepted(), "executed since: its block is on the ledger");
    }
  }

  @Test
  void onlyTheLatestAcceptedPrePreparesOfASequenceStayAcrossViews() {
    try (SentLog sent = SentLog.open(dir, 0)) {
      LongStream.rangeClosed(0, 5).forEach(view -> sent.appendAccepted(prePrepare(view, 7)));
      sent.appendAccepted(prePrepare(5, 8));
      sent.sync();
    }
    try (SentLog reopened = SentLog.open(dir, 0)) {
      assertEquals(List.of(prePrepare(3, 7), prePrepare(4, 7), prePrepare(5, 7), prePrepare(5, 8)),
          reopened.restoredAccepted());
    }
  }

  @Test
  void aTornAcceptedRecordIsCutOffLikeAnyOther() throws IOException {
    try (SentLog sent = SentLog.open(dir, 0)) {
      sent.appendAccepted(prePrepare(0, 1));
      sent.sync();
    }
    Files.writeString(dir.resolve(SentLog.FILE), "{\"accepted\":{\"phase\":\"pre-prep", StandardOpenOption.APPEND);

    try (SentLog reopened = SentLog.open(dir, 0)) {
      assertEquals(List.of(prePrepare(0, 1)), reopened.restoredAccepted());
    }
  }

  @Test
  void pruningBoundsTheFileWithAcceptedBatchesInIt() {
    long rotateBytes = 16 * 1024;
    try (SentLog sent = SentLog.open(dir, 0, rotateBytes)) {
      LongStream.rangeClosed(1, 200).forEach(n -> {
        sent.appendAccepted(prePrepare(0, n));
        sent.append(prepare(n));
        sent.sync();
        sent.prune(n - 2);
      });
      assertTrue(sent.fileBytes() <= 2 * rotateBytes, "the file stays bounded, was " + sent.fileBytes());
    }
    try (SentLog reopened = SentLog.open(dir, 198)) {
      assertEquals(List.of(prepare(199), prepare(200)), reopened.restored());
      assertEquals(List.of(prePrepare(0, 199), prePrepare(0, 200)), reopened.restoredAccepted());
    }
  }

  @Test
  void onlyAPrePrepareWithItsBatchIsLoggedAsAccepted() {
    try (SentLog sent = SentLog.open(dir, 0)) {
      assertThrows(IllegalArgumentException.class, () -> sent.appendAccepted(prepare(1)));
      assertThrows(IllegalArgumentException.class,
          () -> sent.appendAccepted(ConsensusMessage.of(Phase.PRE_PREPARE, 0, 1, "d".repeat(64), 0).signedBy(KEY)));
      assertEquals(0, sent.fileBytes(), "nothing written");
    }
  }

  /** A primary's pre-prepare with a batch of three real ballots. */
  private static ConsensusMessage prePrepare(long view, long sequence) {
    List<Ballot> batch = LongStream.range(0, 3)
        .mapToObj(i -> Ballot.sign(VOTER, "demo", "alice", "n-" + view + "-" + sequence + "-" + i)).toList();
    return ConsensusMessage.of(Phase.PRE_PREPARE, view, sequence, BatchDigest.of(batch), 0).withBatch(batch)
        .signedBy(KEY);
  }

  private static ConsensusMessage viewMessage(Phase phase, long view) {
    return ConsensusMessage.of(phase, view, 0, "payload-digest-" + view, 1).signedBy(KEY);
  }

  private static ConsensusMessage prepare(long sequence) {
    return ConsensusMessage.of(Phase.PREPARE, 0, sequence, "d".repeat(64), 1).signedBy(KEY);
  }
}
