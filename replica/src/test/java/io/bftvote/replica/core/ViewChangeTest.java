package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * View changes (PBFT §4.4): why a replica leaves a view, what its VIEW-CHANGE says, what the new
 * primary's NEW-VIEW must propose again, and what every replica refuses to believe.
 */
class ViewChangeTest {
  private static final long TIMEOUT = 2_000;
  private static final long CAP = 30_000;
  private final Fixture fixture = Fixture.of(4);

  private Pbft replica(int id) {
    return new Pbft(fixture.config(id, 2, 10, 4).withViewChangeTimeouts(TIMEOUT, CAP), fixture.signer(id), 0, 0);
  }

  @Test
  void aBackupWhoseRequestWaitsOutTheTimeoutSuspectsThePrimary() {
    Pbft backup = replica(1);
    backup.handle(new Event.RequestReceived(fixture.ballots(1).get(0), 0));
    backup.handle(new Event.Tick(0)); // timers start on the loop's ticks

    assertEquals(List.of(), backup.handle(new Event.Tick(TIMEOUT - 1)), "still patient");
    List<Action> actions = backup.handle(new Event.Tick(TIMEOUT));

    assertEquals(new Action.ViewChanging(0, 1, "primary 0 silent for 2000 ms"), actions.get(0));
    ConsensusMessage viewChange = broadcasts(actions).get(0);
    assertEquals(Phase.VIEW_CHANGE, viewChange.phase());
    assertEquals(1, viewChange.view());
    assertEquals(0, viewChange.sequence(), "its stable checkpoint is the genesis state");
    assertEquals(Payloads.digest(viewChange.payload()), viewChange.digest(), "the signature covers the payload");
    assertTrue(backup.isChangingView());
  }

  @Test
  void aPrimaryWhoseProposalsTheEdgeRefusedIsReplacedForThemNotForSilence() {
    Pbft backup = replica(1);
    backup.handle(new Event.RequestReceived(fixture.ballots(1).get(0), 0));
    backup.handle(new Event.Tick(0));
    // Pre-prepares the edge refused for an invalid ballot: two from the primary, one from a backup.
    backup.handle(new Event.InvalidProposal(fixture.prePrepare(0, 0, 1, fixture.ballots(1)), 10));
    backup.handle(new Event.InvalidProposal(fixture.prePrepare(0, 0, 2, fixture.ballots(1)), 20));
    backup.handle(new Event.InvalidProposal(fixture.prePrepare(2, 0, 1, fixture.ballots(1)), 30));

    List<Action> actions = backup.handle(new Event.Tick(TIMEOUT));

    assertEquals(new Action.ViewChanging(0, 1, "primary 0 sent 2 invalid proposal(s), none executed for 2000 ms"),
        actions.get(0));
  }

  @Test
  void everyFruitlessViewChangeDoublesTheTimeoutUpToItsCap() {
    // Seven replicas, replica 1 starting in view 2: it is not the primary of views 2 to 7.
    Fixture seven = Fixture.of(7);
    Pbft backup = new Pbft(seven.config(1, 2, 10, 4).withViewChangeTimeouts(TIMEOUT, CAP), seven.signer(1), 0, 2);
    backup.handle(new Event.RequestReceived(seven.ballots(1).get(0), 0));
    backup.handle(new Event.Tick(0));
    long now = TIMEOUT;
    assertTrue(leftView(backup.handle(new Event.Tick(now))));
    List<Long> waits = new ArrayList<>();
    for (long view = 3; view <= 7; view++) {
      // Four others ask for the same view: 2f+1 in all, so the new-view timer runs; no NEW-VIEW comes.
      for (int other : new int[] {2, 3, 4, 5}) {
        ConsensusMessage vc = ViewChange.create(view, StableCheckpoint.GENESIS, List.of(), other, seven.signer(other));
        backup.handle(new Event.MessageReceived(vc, now));
      }
      backup.handle(new Event.Tick(now));
      long started = now;
      do {
        now += 100;
      } while (!leftView(backup.handle(new Event.Tick(now))) && now - started <= 2 * CAP);
      waits.add(now - started);
    }
    assertEquals(List.of(4_000L, 8_000L, 16_000L, 30_000L, 30_000L), waits);
  }

  @Test
  void aReplicaThatJoinedOnFPlusOneWaitsForTheNewViewAsLongAsThoseWhoseTimersExpired() {
    Pbft backup = replica(2);
    backup.handle(new Event.MessageReceived(viewChange(1, 1, List.of()), 0));
    backup.handle(new Event.MessageReceived(viewChange(3, 1, List.of()), 0)); // f+1: it joins, 2f+1 ask for view 1
    backup.handle(new Event.Tick(0));

    assertFalse(leftView(backup.handle(new Event.Tick(2 * TIMEOUT - 1))), "view 1 is one after a failed view: 4 s");
    assertEquals(new Action.ViewChanging(1, 2, "no new-view from primary 1 within 4000 ms"),
        backup.handle(new Event.Tick(2 * TIMEOUT)).get(0));
  }

  @Test
  void aNewViewThatExecutesOnceKeepsItsDoubledTimeout() {
    List<Ballot> waiting = fixture.ballots(2);
    Pbft backup = backupThatInstalledViewOne(waiting); // at 2,100; its timer runs from 2,105

    // One batch executes in view 1 (its block, say); the other ballot still waits.
    backup.handle(new Event.Executed(1, List.of(waiting.get(0).requestId()), "ab".repeat(32), 3_000));

    assertFalse(leftView(backup.handle(new Event.Tick(3_000 + TIMEOUT))),
        "one execution does not show the view works: under overload the next wait moved it again");
    assertEquals(new Action.ViewChanging(1, 2, "primary 1 silent for 4000 ms"),
        backup.handle(new Event.Tick(3_000 + 2 * TIMEOUT)).get(0));
  }

  @Test
  void aCheckpointStableInTheNewViewBringsTheTimeoutBackToItsBase() {
    Pbft backup = backupThatInstalledViewOne(fixture.ballots(1)); // its timer runs from 2,105

    // 2f+1 replicas checkpointed K = 32 sequences executed in view 1.
    for (int sender : new int[] {0, 1, 3}) {
      backup.handle(new Event.MessageReceived(
          fixture.sign(sender, ConsensusMessage.of(Phase.CHECKPOINT, 0, 32, "cd".repeat(32), sender)), 3_000));
    }

    assertEquals(32, backup.stableCheckpoint());
    assertEquals(new Action.ViewChanging(1, 2, "primary 1 silent for 2000 ms"),
        backup.handle(new Event.Tick(2_105 + TIMEOUT)).get(0));
  }

  /**
   * Replica 2 with {@code waiting} pending: primary 0 falls silent, replica 2 moves to view 1 at
   * 2,000 and installs primary 1's NEW-VIEW at 2,100; its timer runs again from 2,105.
   */
  private Pbft backupThatInstalledViewOne(List<Ballot> waiting) {
    Pbft backup = replica(2);
    waiting.forEach(ballot -> backup.handle(new Event.RequestReceived(ballot, 0)));
    backup.handle(new Event.Tick(0));
    assertTrue(leftView(backup.handle(new Event.Tick(TIMEOUT))));
    List<ConsensusMessage> viewChanges = List.of(viewChange(1, 1, List.of()), viewChange(2, 1, List.of()),
        viewChange(3, 1, List.of()));
    backup.handle(new Event.MessageReceived(viewChanges.get(0), TIMEOUT));
    backup.handle(new Event.MessageReceived(viewChanges.get(2), TIMEOUT));
    ConsensusMessage newView = NewView.create(1, 0, viewChanges, List.of(), 1, fixture.signer(1));
    assertTrue(backup.handle(new Event.MessageReceived(newView, 2_100)).stream()
        .anyMatch(Action.ViewInstalled.class::isInstance));
    backup.handle(new Event.Tick(2_105));
    return backup;
  }

  @Test
  void fPlusOneViewChangesForALaterViewMakeAReplicaJoinBeforeItsTimer() {
    Pbft backup = replica(1);
    assertEquals(List.of(), backup.handle(new Event.MessageReceived(viewChange(2, 1, List.of()), 0)),
        "one replica asking proves nothing: it may be the faulty one");

    List<Action> actions = backup.handle(new Event.MessageReceived(viewChange(3, 1, List.of()), 0));

    assertEquals(new Action.ViewChanging(0, 1, "2 replicas asked for view 1"), actions.get(0));
  }

  @Test
  void aSilentPrimaryIsReplacedAndWhatPreparedKeepsItsSequenceInTheNewView() {
    LocalCluster cluster = new LocalCluster(4, this::replica);
    List<Ballot> ballots = fixture.ballots(2);
    // Every commit is lost, then the primary falls silent: sequence 1 prepared everywhere, committed nowhere.
    cluster.loseWhen((recipient, m) -> m.phase() == Phase.COMMIT || m.sender() == 0);
    ballots.forEach(cluster::submit);
    cluster.loseWhen((recipient, m) -> m.phase() == Phase.COMMIT);
    cluster.advanceClock(10);
    cluster.runUntilQuiet(10_000);
    ConsensusMessage original = cluster.sent(0).get(0);
    assertEquals(Phase.PRE_PREPARE, original.phase());
    cluster.loseWhen((recipient, m) -> m.sender() == 0);

    for (int step = 0; step < 30 && cluster.executed(1).isEmpty(); step++) {
      cluster.advanceClock(TIMEOUT / 4);
      cluster.runUntilQuiet(10_000);
    }

    for (int r = 1; r < 4; r++) {
      assertEquals(1, cluster.replica(r).view());
      assertFalse(cluster.replica(r).isChangingView());
      Action.Execute first = cluster.executed(r).get(0);
      assertEquals(1, first.sequence());
      assertEquals(1, first.view(), "committed in the new view");
      assertEquals(original.digest(), first.digest(), "the batch that prepared in view 0, at the same sequence");
      assertEquals(ballots, first.batch());
    }
  }

  @Test
  void aReplicaThatNeverGotAReproposedBatchStillVotesAndExecutesItFromTheBlock() {
    LocalCluster cluster = new LocalCluster(4, this::replica);
    List<Ballot> ballots = fixture.ballots(2);
    // Replica 3 never gets the pre-prepare and every commit is lost: sequence 1 prepares at 0, 1 and 2 only.
    cluster.loseWhen((recipient, m) -> m.phase() == Phase.COMMIT || (recipient == 3 && m.phase() == Phase.PRE_PREPARE));
    ballots.forEach(cluster::submit);
    cluster.advanceClock(10);
    cluster.runUntilQuiet(10_000);
    String digest = cluster.sent(0).get(0).digest();
    cluster.loseWhen((recipient, m) -> m.sender() == 0); // then the primary falls silent

    for (int step = 0; step < 30 && cluster.executed(1).isEmpty(); step++) {
      cluster.advanceClock(TIMEOUT / 4);
      cluster.runUntilQuiet(10_000);
    }

    assertEquals(ballots, cluster.executed(1).get(0).batch(), "replica 1 had the batch: it executes it in view 1");
    Pbft lacking = cluster.replica(3);
    assertEquals(1, lacking.view());
    assertTrue(cluster.sent(3).contains(fixture.commit(3, 1, 1, digest)), "it commits the digest V proved prepared");
    assertEquals(List.of(), cluster.executed(3), "but it cannot execute a batch it does not have");
    // The certified block of a replica that has the batch arrives on the blocks topic.
    List<String> ids = ballots.stream().map(Ballot::requestId).toList();
    List<Action> afterBlock = lacking.handle(new Event.Executed(1, ids, "ab".repeat(32), 20_000));

    assertFalse(afterBlock.stream().anyMatch(Action.Execute.class::isInstance), "sequence 1 is done, by the block");
    assertEquals(1, lacking.lastExecuted());
    assertEquals(0, lacking.pendingRequests(), "its ballots executed");
  }

  @Test
  void aViewChangeThatCarriesItsBatchesIsRefusedSoNoNewViewQuotesOneThatLarge() {
    PreparedCertificate prepared = prepared(1, fixture.ballots(2));
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.set("checkpoint", Json.MAPPER.createArrayNode());
    ObjectNode entry = payload.putArray("prepared").addObject();
    entry.set("prePrepare", Json.MAPPER.<JsonNode>valueToTree(prepared.prePrepare())); // with its batch
    entry.set("prepares", Payloads.array(prepared.prepares()));
    ConsensusMessage padded = fixture.sign(3, ConsensusMessage.of(Phase.VIEW_CHANGE, 1, 0, Payloads.digest(payload), 3)
        .withPayload(payload));

    assertEquals(List.of(new Action.Rejected(padded, Reason.MALFORMED_PAYLOAD)),
        replica(1).handle(new Event.MessageReceived(padded, 0)));
  }

  @Test
  void aViewChangeWithUnsignedExtrasCountsAsSignedAndIsQuotedWithoutThem() {
    ConsensusMessage signed = viewChange(2, 1, List.of(prepared(1, fixture.ballots(1))));
    ObjectNode padded = signed.payload().deepCopy();
    padded.put("padding", "x".repeat(10_000)); // the signature covers the digest of C and P, not this
    ConsensusMessage withExtras = new ConsensusMessage(signed.phase(), signed.view(), signed.sequence(),
        signed.digest(), signed.sender(), signed.to(), null, padded, signed.signature());
    Pbft newPrimary = replica(1);

    newPrimary.handle(new Event.MessageReceived(withExtras, 0));
    List<Action> actions = newPrimary.handle(new Event.MessageReceived(viewChange(3, 1, List.of()), 0));

    ConsensusMessage newView = broadcasts(actions).stream().filter(m -> m.phase() == Phase.NEW_VIEW).findFirst()
        .orElseThrow(() -> new AssertionError("2f+1 view-changes, its own among them: it sends NEW-VIEW"));
    JsonNode quoted = newView.payload().get("viewChanges").get(1);
    assertEquals(2, quoted.get("sender").asInt());
    assertEquals(signed.payload(), quoted.get("payload"), "quoted as its sender signed it");
  }

  @Test
  void aViewChangeItsSenderRepeatsIsNotCheckedAgain() {
    List<ConsensusMessage> checked = new ArrayList<>();
    Verifier counting = m -> {
      checked.add(m);
      return m.hasValidSignature(fixture.cluster());
    };
    Pbft backup = new Pbft(fixture.config(1, 2, 10, 4).withViewChangeTimeouts(TIMEOUT, CAP), fixture.signer(1),
        counting, 0, 0);
    ConsensusMessage vc = viewChange(3, 1, List.of(prepared(1, fixture.ballots(1)), prepared(2, fixture.ballots(1))));

    assertEquals(List.of(), backup.handle(new Event.MessageReceived(vc, 0)));
    assertEquals(6, checked.size(), "a pre-prepare and two prepares quoted for each of two sequences");

    // Its sender says it again every timeout until it sees 2f+1 view-changes.
    assertEquals(List.of(), backup.handle(new Event.MessageReceived(vc, TIMEOUT)));
    assertEquals(6, checked.size(), "a repeat costs no signature check");
    List<Action> joined = backup.handle(new Event.MessageReceived(viewChange(2, 1, List.of()), TIMEOUT));
    assertEquals(new Action.ViewChanging(0, 1, "2 replicas asked for view 1"), joined.get(0),
        "the repeat still counts once");
  }

  @Test
  void aNewViewWhoseHandlingTookLongStillGivesTheNewPrimaryAWholeTimeout() {
    Pbft backup = replica(2);
    backup.handle(new Event.RequestReceived(fixture.ballots(1).get(0), 0));
    backup.handle(new Event.Tick(0));
    backup.handle(new Event.Tick(TIMEOUT)); // primary 0 silent: view change to 1, the timeout doubles to 4 s
    List<ConsensusMessage> viewChanges = List.of(viewChange(1, 1, List.of()), viewChange(2, 1, List.of()),
        viewChange(3, 1, List.of()));
    backup.handle(new Event.MessageReceived(viewChanges.get(0), TIMEOUT));
    backup.handle(new Event.MessageReceived(viewChanges.get(2), TIMEOUT)); // 2f+1: the new-view timer runs
    backup.handle(new Event.Tick(TIMEOUT + 5));
    ConsensusMessage newView = NewView.create(1, 0, viewChanges, List.of(), 1, fixture.signer(1));

    // The NEW-VIEW's event carries the time its handling began; under load it ends seconds later,
    // and the loop's next tick says so.
    List<Action> installed = backup.handle(new Event.MessageReceived(newView, TIMEOUT + 100));
    long handled = TIMEOUT + 100 + 3 * TIMEOUT;

    assertTrue(installed.stream().anyMatch(Action.ViewInstalled.class::isInstance));
    assertFalse(leftView(backup.handle(new Event.Tick(handled))), "primary 1 has only just been installed");
    assertFalse(leftView(backup.handle(new Event.Tick(handled + 2 * TIMEOUT - 5))));
    assertTrue(leftView(backup.handle(new Event.Tick(handled + 2 * TIMEOUT))), "a whole (doubled) timeout later");
  }

  @Test
  void gapsBetweenPreparedSequencesBecomeNullRequests() {
    PreparedCertificate first = prepared(1, fixture.ballots(1));
    PreparedCertificate third = prepared(3, fixture.ballots(1));
    ViewChange a = decode(viewChange(1, 1, List.of(first)));
    ViewChange b = decode(viewChange(2, 1, List.of(third)));
    ViewChange c = decode(viewChange(3, 1, List.of()));

    NewViewPlan plan = NewViewPlan.from(List.of(a, b, c));

    assertEquals(List.of(first.digest(), NewViewPlan.NULL_DIGEST, third.digest()),
        plan.reproposals().stream().map(NewViewPlan.Reproposal::digest).toList());
    assertTrue(plan.reproposals().get(1).isNullRequest(), "a null request is an empty batch: an empty block");
  }

  @Test
  void aBackupRefusesANewViewWhosePrePreparesDoNotFollowFromItsViewChanges() {
    PreparedCertificate prepared = prepared(1, fixture.ballots(1));
    List<ConsensusMessage> viewChanges = List.of(viewChange(1, 1, List.of(prepared)), viewChange(2, 1, List.of()),
        viewChange(3, 1, List.of()));
    // The new primary proposes a null request where V says sequence 1 prepared: it would undo a commit.
    ConsensusMessage nullInstead = fixture.sign(1, ConsensusMessage.of(Phase.PRE_PREPARE, 1, 1, NewViewPlan.NULL_DIGEST, 1));
    ConsensusMessage newView = NewView.create(1, 0, viewChanges, List.of(nullInstead), 1, fixture.signer(1));

    List<Action> actions = replica(2).handle(new Event.MessageReceived(newView, 0));

    assertEquals(List.of(new Action.Rejected(newView, Reason.WRONG_REPROPOSALS)), actions);
  }

  @Test
  void aViewChangeClaimingAPreparedRequestWithoutTwoFPreparesIsRefused() {
    PreparedCertificate real = prepared(1, fixture.ballots(1));
    PreparedCertificate thin = new PreparedCertificate(real.prePrepare(), real.prepares().subList(0, 1));
    ConsensusMessage claim = viewChange(3, 1, List.of(thin));

    assertEquals(List.of(new Action.Rejected(claim, Reason.INVALID_PREPARED_CERTIFICATE)),
        replica(1).handle(new Event.MessageReceived(claim, 0)));
  }

  @Test
  void aReplicaThatSleptThroughTheViewChangeJoinsOnAValidNewView() {
    List<ConsensusMessage> viewChanges = List.of(viewChange(1, 1, List.of()), viewChange(2, 1, List.of()),
        viewChange(3, 1, List.of()));
    ConsensusMessage newView = NewView.create(1, 0, viewChanges, List.of(), 1, fixture.signer(1));
    Pbft sleeper = replica(0);

    List<Action> actions = sleeper.handle(new Event.MessageReceived(newView, 0));

    assertEquals(new Action.ViewInstalled(1, 1, 0, 0), actions.get(1));
    assertEquals(1, sleeper.view());
    assertFalse(sleeper.isChangingView());
  }

  /** Replica {@code sender} asks for {@code view} from the genesis checkpoint, with these certificates. */
  private ConsensusMessage viewChange(int sender, long view, List<PreparedCertificate> prepared) {
    return ViewChange.create(view, StableCheckpoint.GENESIS, prepared, sender, fixture.signer(sender));
  }

  /** A request prepared in view 0 at {@code sequence}: primary 0's pre-prepare, prepares from 1 and 2. */
  private PreparedCertificate prepared(long sequence, List<Ballot> batch) {
    ConsensusMessage pp = fixture.prePrepare(0, 0, sequence, batch);
    return new PreparedCertificate(pp, List.of(fixture.prepare(1, 0, sequence, pp.digest()),
        fixture.prepare(2, 0, sequence, pp.digest())));
  }

  private ViewChange decode(ConsensusMessage viewChange) {
    try {
      return ViewChange.decode(viewChange, 64, 4);
    } catch (Payloads.Malformed e) {
      throw new AssertionError(e);
    }
  }

  private static boolean leftView(List<Action> actions) {
    return actions.stream().anyMatch(Action.ViewChanging.class::isInstance);
  }

  private static List<ConsensusMessage> broadcasts(List<Action> actions) {
    return actions.stream().filter(Action.Broadcast.class::isInstance).map(a -> ((Action.Broadcast) a).signed())
        .toList();
  }
}
