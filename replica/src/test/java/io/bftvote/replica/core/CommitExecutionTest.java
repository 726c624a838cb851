package io.bftvote.replica.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Outcome;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backup 1 going from prepared to committed-local to Execute (PBFT §4.2), peers scripted. */
class CommitExecutionTest {
  private Fixture fixture;
  private Pbft backup;

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {4, 7})
  void nothingExecutesWithTwoFCommitsAndTheTwoFPlusFirstExecutes(int n) {
    start(n);
    int f = fixture.cluster().f();
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(3));
    prepareEverywhere(prePrepare); // sends this replica's own commit: 1 of 2f+1

    for (int replica = 2; replica <= 2 * f; replica++) {
      assertEquals(List.of(), receive(fixture.commit(replica, 0, 1, prePrepare.digest())));
    }
    List<Action> actions = receive(fixture.commit(2 * f + 1, 0, 1, prePrepare.digest()));

    assertEquals(1, actions.size());
    Action.Execute execute = (Action.Execute) actions.get(0);
    assertEquals(1, execute.sequence());
    assertEquals(0, execute.view());
    assertEquals(prePrepare.batch(), execute.batch());
    assertEquals(prePrepare.digest(), execute.digest());
    assertEquals(2 * f + 1, execute.certificate().size());
    assertNull(certified(execute).certificateProblem(fixture.cluster()));
  }

  @Test
  void executeComesInSequenceOrderEvenWhenTheLaterSequenceCommitsFirst() {
    start(4);
    ConsensusMessage first = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    ConsensusMessage second = fixture.prePrepare(0, 0, 2, fixture.ballots(1));
    prepareEverywhere(first);
    prepareEverywhere(second);

    assertEquals(List.of(), commitFromAllOthers(second), "sequence 2 is committed-local but 1 is not yet");
    List<Long> executed = executedSequences(commitFromAllOthers(first));

    assertEquals(List.of(1L, 2L), executed);
  }

  @Test
  void eachSequenceIsExecutedOnceAndExecuteDoesNotMoveTheExecutedHeight() {
    start(4);
    ConsensusMessage prePrepare = fixture.prePrepare(0, 0, 1, fixture.ballots(1));
    prepareEverywhere(prePrepare);
    assertEquals(List.of(1L), executedSequences(commitFromAllOthers(prePrepare)));

    assertEquals(0, backup.lastExecuted(), "only the ledger's Executed moves the height");
    assertEquals(List.of(), receive(fixture.commit(0, 0, 1, prePrepare.digest())), "no second Execute");

    backup.handle(new Event.Executed(1, ids(prePrepare), "head-1", 0));
    assertEquals(1, backup.lastExecuted());
    assertEquals(List.of(), receive(fixture.commit(3, 0, 1, prePrepare.digest())),
        "a late commit for an executed sequence is dropped silently");
  }

  @Test
  void catchingUpPastAGapExecutesTheNextCommittedSequence() {
    start(4);
    ConsensusMessage fourth = fixture.prePrepare(0, 0, 4, fixture.ballots(1));
    prepareEverywhere(fourth);
    assertEquals(List.of(), commitFromAllOthers(fourth), "1 to 3 are missing");

    List<Action> actions = backup.handle(new Event.Executed(3, List.of(), "head-3", 0)); // blocks 1..3 from bft.blocks

    assertEquals(List.of(4L), executedSequences(actions));
  }

  private void start(int n) {
    fixture = Fixture.of(n);
    backup = fixture.replica(1, 10, 20, 4);
  }

  /** Delivers the pre-prepare and 2f-1 prepares from other backups: with its own, replica 1 is prepared. */
  private void prepareEverywhere(ConsensusMessage prePrepare) {
    receive(prePrepare);
    for (int replica = 2; replica <= 2 * fixture.cluster().f(); replica++) {
      receive(fixture.prepare(replica, 0, prePrepare.sequence(), prePrepare.digest()));
    }
    assertTrue(backup.handle(new Event.Tick(0)).isEmpty());
  }

  private List<Action> commitFromAllOthers(ConsensusMessage prePrepare) {
    List<Action> actions = new java.util.ArrayList<>();
    for (int replica = 0; replica < fixture.cluster().n(); replica++) {
      if (replica != 1) {
        actions.addAll(receive(fixture.commit(replica, 0, prePrepare.sequence(), prePrepare.digest())));
      }
    }
    return actions;
  }

  private List<Action> receive(ConsensusMessage message) {
    return backup.handle(new Event.MessageReceived(message, 0));
  }

  private static List<Long> executedSequences(List<Action> actions) {
    return actions.stream().filter(Action.Execute.class::isInstance)
        .map(a -> ((Action.Execute) a).sequence()).toList();
  }

  private static List<String> ids(ConsensusMessage prePrepare) {
    return prePrepare.batch().stream().map(Ballot::requestId).toList();
  }

  private static CertifiedBlock certified(Action.Execute execute) {
    List<String> outcomes = Collections.nCopies(execute.batch().size(), Outcome.ACCEPTED.code());
    Block block = Block.create(execute.sequence(), Block.NO_PREVIOUS, execute.digest(), execute.batch(), outcomes);
    return new CertifiedBlock(block, execute.certificate());
  }
}
