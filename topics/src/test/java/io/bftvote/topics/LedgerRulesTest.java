package io.bftvote.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {
  private final Ed25519.KeyPair listed = Ed25519.KeyPair.generate();
  private final Elections elections = new Elections(List.of(
      Election.open("demo", List.of("alice", "bob")),
      new Election("board", List.of("x", "y"), Election.ROLL, List.of(listed.publicKey()))));
  private final Set<String> executed = new HashSet<>();
  private final Set<String> voted = new HashSet<>();
  private final LedgerRules.History history = new LedgerRules.History() {
    @Override
    public boolean hasExecuted(String requestId) {
      return executed.contains(requestId);
    }

    @Override
    public boolean hasVoted(String election, String voter) {
      return voted.contains(election + "|" + voter);
    }
  };

  private Outcome execute(Ballot b) {
    Outcome o = LedgerRules.decide(b, elections, history);
    executed.add(b.requestId());
    if (o == Outcome.ACCEPTED) {
      voted.add(b.election() + "|" + b.voter());
    }
    return o;
  }

  @Test
  void theVotersFirstAcceptedBallotStandsAndLaterOnesAreAlreadyVoted() {
    Ed25519.KeyPair v = Ed25519.KeyPair.generate();
    assertEquals(Outcome.ACCEPTED, execute(Ballot.sign(v, "demo", "alice", "1")));
    assertEquals(Outcome.ALREADY_VOTED, execute(Ballot.sign(v, "demo", "bob", "2")));
  }

  @Test
  void theSameBallotTwiceIsADuplicateNotASecondVote() {
    Ballot b = Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "1");
    assertEquals(Outcome.ACCEPTED, execute(b));
    assertEquals(Outcome.DUPLICATE, execute(b));
  }

  @Test
  void unknownElectionsCandidatesAndVotersOffTheRollAreRejectedWithTheirReason() {
    Ed25519.KeyPair stranger = Ed25519.KeyPair.generate();
    assertEquals("unknown-election", execute(Ballot.sign(stranger, "mayor", "alice", "1")).reason());
    assertEquals("unknown-candidate", execute(Ballot.sign(stranger, "demo", "zed", "1")).reason());
    assertEquals("not-eligible", execute(Ballot.sign(stranger, "board", "x", "1")).reason());
    assertEquals(Outcome.ACCEPTED, execute(Ballot.sign(listed, "board", "x", "1")));
  }

  @Test
  void aRejectedBallotDoesNotUseUpTheVotersVote() {
    Ed25519.KeyPair v = Ed25519.KeyPair.generate();
    assertEquals(Outcome.UNKNOWN_CANDIDATE, execute(Ballot.sign(v, "demo", "zed", "1")));
    assertEquals(Outcome.ACCEPTED, execute(Ballot.sign(v, "demo", "bob", "2")));
  }

  @Test
  void theElectionsHashIgnoresFormattingButNotContent() {
    Elections same = Json.read(Bytes.utf8("{ \"elections\" : [ {\"id\":\"demo\",\"candidates\":[\"alice\",\"bob\"],"
        + "\"eligibility\":\"open\"}, {\"id\":\"board\",\"candidates\":[\"x\",\"y\"],\"eligibility\":\"roll\",\"roll\":[\""
        + listed.publicKey() + "\"]} ] }"), Elections.class);
    assertEquals(elections.hash(), same.hash());
    assertEquals(false, elections.hash().equals(Elections.demo().hash()));
  }
}
