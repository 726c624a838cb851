package io.bftvote.replica.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Block;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import io.bftvote.topics.Outcome;
import io.bftvote.topics.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  private static final List<Ed25519.KeyPair> REPLICA_KEYS =
      IntStream.range(0, 4).mapToObj(i -> Ed25519.KeyPair.generate()).toList();
  private static final Cluster CLUSTER = new Cluster(REPLICA_KEYS.stream().map(Ed25519.KeyPair::publicKey).toList());
  private static final Ed25519.KeyPair ROLLED_VOTER = Ed25519.KeyPair.generate();
  private static final Elections ELECTIONS = new Elections(List.of(
      Election.open("demo", List.of("alice", "bob", "carol")),
      new Election("board", List.of("dana", "eve"), Election.ROLL, List.of(ROLLED_VOTER.publicKey()))));

  @TempDir Path dir;

  @Test
  void executingABlockGivesEachBallotItsOutcomeByTheLedgerRules() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Ballot first = Ballot.sign(voter, "demo", "alice", "n1");
    List<Ballot> batch = List.of(
        first,
        Ballot.sign(Ed25519.KeyPair.generate(), "mayor", "alice", "n1"),
        Ballot.sign(Ed25519.KeyPair.generate(), "demo", "mallory", "n1"),
        Ballot.sign(Ed25519.KeyPair.generate(), "board", "dana", "n1"),
        Ballot.sign(ROLLED_VOTER, "board", "eve", "n1"),
        Ballot.sign(voter, "demo", "bob", "n2"),
        first);
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ExecutedBlock executed = ledger.execute(1, batch, certificate(1));

      assertEquals(List.of(Outcome.ACCEPTED, Outcome.UNKNOWN_ELECTION, Outcome.UNKNOWN_CANDIDATE,
          Outcome.NOT_ELIGIBLE, Outcome.ACCEPTED, Outcome.ALREADY_VOTED, Outcome.DUPLICATE), executed.outcomes());
      assertEquals(List.of("accepted", "unknown-election", "unknown-candidate", "not-eligible", "accepted",
          "already-voted", "duplicate"), executed.certified().block().outcomes());
      assertTrue(ledger.hasExecuted(first.requestId()));
    }
  }

  @Test
  void aBallotExecutedInAnEarlierBlockIsADuplicateAndASecondVoteIsAlreadyVoted() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    Ballot vote = Ballot.sign(voter, "demo", "alice", "n1");
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(vote), certificate(1));
      ExecutedBlock second = ledger.execute(2, List.of(vote, Ballot.sign(voter, "demo", "carol", "n2")), certificate(2));

      assertEquals(List.of(Outcome.DUPLICATE, Outcome.ALREADY_VOTED), second.outcomes());
    }
  }

  @Test
  void aVoteInOneElectionDoesNotCountAsAVoteInAnother() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(Ballot.sign(ROLLED_VOTER, "demo", "alice", "n1")), certificate(1));
      ExecutedBlock second = ledger.execute(2, List.of(Ballot.sign(ROLLED_VOTER, "board", "eve", "n1"),
          Ballot.sign(ROLLED_VOTER, "demo", "bob", "n2")), certificate(2));

      assertEquals(List.of(Outcome.ACCEPTED, Outcome.ALREADY_VOTED), second.outcomes());
    }
  }

  @Test
  void aStringThatIsNoRequestIdWasNeverExecuted() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(Ballot.sign(ROLLED_VOTER, "demo", "alice", "n1")), certificate(1));

      assertFalse(ledger.hasExecuted("not-a-request-id"));
      assertFalse(ledger.hasExecuted(""));
    }
  }

  @Test
  void blocksFormAHashChainFromGenesis() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      Block genesis = Block.genesis(ELECTIONS, CLUSTER);
      assertEquals(genesis.hash(), ledger.head());
      Block one = ledger.execute(1, List.of(vote("a")), certificate(1)).certified().block();
      Block two = ledger.execute(2, List.of(), certificate(2)).certified().block();

      assertEquals(genesis.hash(), one.previous());
      assertEquals(one.hash(), two.previous());
      assertTrue(one.isSelfConsistent() && two.isSelfConsistent());
      assertEquals(two.hash(), ledger.head());
      assertEquals(2, ledger.height());
      assertEquals(one, ledger.block(1).orElseThrow().block());
      assertEquals(certificate(2), ledger.block(2).orElseThrow().certificate());
      assertEquals(genesis, ledger.block(0).orElseThrow().block());
      assertTrue(ledger.block(3).isEmpty());
    }
  }

  @Test
  void theLedgerRefusesToExecuteOutOfHeightOrderAndChangesNothing() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(vote("a")), certificate(1));
      String head = ledger.head();

      IllegalArgumentException skip = assertThrows(IllegalArgumentException.class,
          () -> ledger.execute(3, List.of(vote("b")), certificate(3)));
      IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
          () -> ledger.execute(1, List.of(vote("c")), certificate(1)));

      assertTrue(skip.getMessage().contains("next must be 2"), skip.getMessage());
      assertTrue(again.getMessage().contains("next must be 2"), again.getMessage());
      assertEquals(1, ledger.height());
      assertEquals(head, ledger.head());
      assertFalse(ledger.hasExecuted(vote("b").requestId()));
    }
  }

  @Test
  void aNullRequestFromANewViewIsAnEmptyBlockInTheChainThatSurvivesAReopen() {
    String head;
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(vote("a")), certificate(1));
      Block empty = ledger.execute(2, List.of(), certificate(2)).certified().block();
      ledger.execute(3, List.of(vote("b")), certificate(3));
      assertEquals(List.of(), empty.ballots());
      assertEquals(BatchDigest.of(List.of()), empty.digest());
      head = ledger.head();
    }
    try (Ledger reopened = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(3, reopened.height());
      assertEquals(head, reopened.head());
    }
  }

  @Test
  void anExecutedBlockCountsAsDurableOnlyOnceASyncCoveredIt() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      String genesis = ledger.head();
      ledger.execute(1, List.of(vote("a")), certificate(1));
      ledger.execute(2, List.of(vote("b")), certificate(2));

      assertEquals(2, ledger.height(), "the event loop goes on from what it appended");
      assertEquals(0, ledger.durableHeight(), "but a crash could still take both blocks back");
      assertEquals(genesis, ledger.durableHead());
      ledger.sync();
      assertEquals(2, ledger.durableHeight(), "one sync covers every block appended before it");
      assertEquals(ledger.head(), ledger.durableHead());
    }
    try (Ledger reopened = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(2, reopened.durableHeight(), "what an open replays it has forced to the disk");
    }
  }

  @Test
  void reopeningRebuildsTheSameHeadAndState() {
    Ed25519.KeyPair voter = Ed25519.KeyPair.generate();
    String head;
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(Ballot.sign(voter, "demo", "alice", "n1")), certificate(1));
      ledger.execute(2, List.of(vote("x")), certificate(2));
      head = ledger.head();
    }
    try (Ledger reopened = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(2, reopened.height());
      assertEquals(head, reopened.head());
      ExecutedBlock third = reopened.execute(3, List.of(Ballot.sign(voter, "demo", "bob", "n2")), certificate(3));
      assertEquals(List.of(Outcome.ALREADY_VOTED), third.outcomes(), "the replayed state remembers the first vote");
    }
  }

  @Test
  void aTornLastLineLeftByACrashIsCutOffAndTheLedgerResumesBeforeIt() throws IOException {
    String headAtOne;
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      headAtOne = ledger.execute(1, List.of(vote("a")), certificate(1)).certified().block().hash();
      ledger.execute(2, List.of(vote("b")), certificate(2));
    }
    Path file = dir.resolve(Ledger.BLOCKS_FILE);
    byte[] bytes = Files.readAllBytes(file);
    int secondLineStart = new String(bytes, StandardCharsets.UTF_8).indexOf('\n') + 1;
    Files.write(file, java.util.Arrays.copyOf(bytes, secondLineStart + 40), StandardOpenOption.TRUNCATE_EXISTING);

    try (Ledger reopened = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(1, reopened.height());
      assertEquals(headAtOne, reopened.head());
      assertEquals(secondLineStart, Files.size(file), "the torn bytes are gone from the file");
      reopened.execute(2, List.of(vote("c")), certificate(2));
    }
    try (Ledger again = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(2, again.height());
    }
  }

  @Test
  void aCorruptLineBeforeTheLastOneStopsTheOpenWithAReason() throws IOException {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(vote("a")), certificate(1));
      ledger.execute(2, List.of(vote("b")), certificate(2));
    }
    Path file = dir.resolve(Ledger.BLOCKS_FILE);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(0, lines.get(0).substring(0, 30));
    Files.write(file, lines);

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> Ledger.open(dir, ELECTIONS, CLUSTER));
    assertTrue(refused.getMessage().contains("corrupt at offset 0"), refused.getMessage());
  }

  @Test
  void aLedgerWrittenUnderOtherElectionsIsRefused() {
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.execute(1, List.of(vote("a")), certificate(1));
    }
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> Ledger.open(dir, Elections.demo(), CLUSTER));
    assertTrue(refused.getMessage().contains("other elections or another cluster"), refused.getMessage());
  }

  @Test
  void theRequestsResumePointSkipsExecutedRequestsAndSurvivesARestart() {
    Ballot a = vote("a");
    Ballot b = vote("b");
    try (Ledger ledger = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      ledger.requests().received(a.requestId(), 10);
      ledger.requests().received(b.requestId(), 11);
      ledger.requests().readUpTo(15);
      ledger.execute(1, List.of(a), certificate(1));
      assertEquals(11, ledger.requests().resumeOffset(), "b still waits at offset 11");
      ledger.execute(2, List.of(b), certificate(2));
      assertEquals(15, ledger.requests().resumeOffset(), "nothing waits: resume after the last read record");
    }
    try (Ledger reopened = Ledger.open(dir, ELECTIONS, CLUSTER)) {
      assertEquals(15, reopened.requests().resumeOffset());
    }
  }

  private static Ballot vote(String nonce) {
    return Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", nonce);
  }

  /** Commits the ledger stores as given; it is the caller's job to have checked them. */
  private static List<ConsensusMessage> certificate(long sequence) {
    return IntStream.range(0, 3).mapToObj(i ->
        ConsensusMessage.of(Phase.COMMIT, 0, sequence, "d" + sequence, i).signedBy(REPLICA_KEYS.get(i))).toList();
  }
}
