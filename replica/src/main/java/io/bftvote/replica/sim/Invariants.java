package io.bftvote.replica.sim;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.Outcome;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkers, run on every block an honest replica executes (by commit or by catch-up):
 * <ul>
 *   <li>agreement: no two honest replicas execute different blocks at one height;
 *   <li>validity: every executed ballot was submitted and validly signed, no request takes effect
 *       twice, and no voter is counted twice;
 * </ul>
 * and, on demand, liveness: every valid submitted ballot has been executed by a given replica.
 */
final class Invariants {
  /** Enough violations to debug from; a broken core would otherwise report one per block. */
  static final int MAX_VIOLATIONS = 10;

  private final SimKeys keys;
  private final Map<String, Ballot> submitted = new LinkedHashMap<>();
  private final Map<Long, Block> agreed = new HashMap<>();
  private final Map<Long, Integer> agreedBy = new HashMap<>();
  private final Map<Integer, Set<String>> executedBy = new HashMap<>();
  private final Map<Integer, Set<String>> votersCountedBy = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  /** Every honest execution in order, hashed: two runs of one seed must end with equal traces. */
  private final MessageDigest trace = Bytes.sha256();
  private long executions;

  Invariants(SimKeys keys) {
    this.keys = keys;
  }

  /** A ballot a voter really submitted (forgeries are never recorded here). */
  void submitted(Ballot ballot) {
    submitted.putIfAbsent(ballot.requestId(), ballot);
  }

  int submittedCount() {
    return submitted.size();
  }

  List<String> violations() {
    return violations;
  }

  void violation(String text) {
    if (violations.size() < MAX_VIOLATIONS) {
      violations.add(text);
    }
  }

  /** Checks a block that honest replica {@code replica} has just executed. */
  void executed(int replica, Block block, long now) {
    checkAgreement(replica, block, now);
    executions++;
    trace.update(Bytes.utf8(replica + "@" + now + ":" + block.height() + "=" + block.hash() + "\n"));
    Set<String> executed = executedBy.computeIfAbsent(replica, r -> new HashSet<>());
    Set<String> voters = votersCountedBy.computeIfAbsent(replica, r -> new HashSet<>());
    for (int i = 0; i < block.ballots().size(); i++) {
      Ballot ballot = block.ballots().get(i);
      Outcome outcome = Outcome.fromCode(block.outcomes().get(i));
      String where = "replica " + replica + " at height " + block.height() + " (t=" + now + "ms)";
      if (!submitted.containsKey(ballot.requestId())) {
        violation("validity: " + where + " executed a ballot nobody submitted: " + ballot.nonce());
      }
      if (!keys.verifies(ballot)) {
        violation("validity: " + where + " executed a ballot whose signature fails: " + ballot.nonce());
      }
      if (outcome != Outcome.DUPLICATE && !executed.add(ballot.requestId())) {
        violation("validity: " + where + " applied ballot " + ballot.nonce() + " a second time");
      }
      if (outcome == Outcome.ACCEPTED && !voters.add(ballot.election() + '/' + ballot.voter())) {
        violation("validity: " + where + " counted voter " + ballot.voter().substring(0, 8) + " twice");
      }
    }
  }

  private void checkAgreement(int replica, Block block, long now) {
    Block first = agreed.putIfAbsent(block.height(), block);
    if (first == null) {
      agreedBy.put(block.height(), replica);
    } else if (!first.hash().equals(block.hash())) {
      violation("agreement: at height " + block.height() + " replica " + replica + " executed digest "
          + block.digest().substring(0, 8) + " (" + block.ballots().size() + " ballots) but replica "
          + agreedBy.get(block.height()) + " executed digest " + first.digest().substring(0, 8) + " ("
          + first.ballots().size() + " ballots), t=" + now + "ms");
    }
  }

  /** How many blocks honest replicas have executed so far, all together. */
  long executions() {
    return executions;
  }

  String fingerprint() {
    try {
      return Bytes.hex(((MessageDigest) trace.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable", e);
    }
  }

  /** How many valid submitted ballots replica {@code replica} has not executed yet. */
  int missing(int replica) {
    Set<String> executed = executedBy.getOrDefault(replica, Set.of());
    int missing = 0;
    for (String id : submitted.keySet()) {
      if (!executed.contains(id)) {
        missing++;
      }
    }
    return missing;
  }
}
