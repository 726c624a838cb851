package io.bftvote.topics;

/**
 * The replicated state machine's one rule set (DESIGN.md, "Ledger rules"), shared by replicas and
 * the tally app so they cannot drift. Deterministic: the outcome depends only on the ballot, the
 * election definitions and what was executed before.
 */
public final class LedgerRules {
  /** What the ledger has executed so far. */
  public interface History {
    /** True if a ballot with this request id was already executed. */
    boolean hasExecuted(String requestId);

    /** True if the voter already has an accepted ballot in the election. */
    boolean hasVoted(String election, String voter);
  }

  private LedgerRules() {}

  /** The outcome of executing a committed ballot (whose signature was verified before commit). */
  public static Outcome decide(Ballot ballot, Elections elections, History history) {
    if (history.hasExecuted(ballot.requestId())) return Outcome.DUPLICATE;
    Election election = elections.get(ballot.election());
    if (election == null) return Outcome.UNKNOWN_ELECTION;
    if (!election.hasCandidate(ballot.candidate())) return Outcome.UNKNOWN_CANDIDATE;
    if (!elections.isEligible(election, ballot.voter())) return Outcome.NOT_ELIGIBLE;
    if (history.hasVoted(ballot.election(), ballot.voter())) return Outcome.ALREADY_VOTED;
    return Outcome.ACCEPTED;
  }
}
