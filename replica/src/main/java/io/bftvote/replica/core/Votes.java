package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prepares (or commits) for one sequence number, at most one per sender: the first vote a
 * replica casts is the one that counts, so a faulty replica cannot vote twice by changing its
 * digest. Bounded by n, because only replicas get in (see {@link Guards}).
 */
final class Votes {
  /** What adding a vote did. */
  enum Added {
    /** The sender's first vote: it counts. */
    COUNTED,
    /** The sender already voted for this digest: redelivery, nothing changes. */
    DUPLICATE,
    /** The sender already voted for another digest: it equivocates, and only its first vote counts. */
    CONFLICTING
  }

  private static final int NO_REPLICA = -1;

  // Sorted by sender, so certificates and iteration are deterministic.
  private final Map<Integer, ConsensusMessage> bySender = new TreeMap<>();

  Added add(ConsensusMessage vote) {
    ConsensusMessage first = bySender.putIfAbsent(vote.sender(), vote);
    if (first == null) {
      return Added.COUNTED;
    }
    return first.digest().equals(vote.digest()) ? Added.DUPLICATE : Added.CONFLICTING;
  }

  /** The vote a replica cast, or null. */
  ConsensusMessage from(int sender) {
    return bySender.get(sender);
  }

  /** How many distinct replicas voted for {@code digest}. */
  int count(String digest) {
    return countExcept(digest, NO_REPLICA);
  }

  /** How many distinct replicas, other than {@code excluded}, voted for {@code digest}. */
  int countExcept(String digest, int excluded) {
    int count = 0;
    for (ConsensusMessage vote : bySender.values()) {
      if (vote.sender() != excluded && vote.digest().equals(digest)) {
        count++;
      }
    }
    return count;
  }

  /** The first {@code limit} votes for {@code digest}, by ascending sender id. */
  List<ConsensusMessage> matching(String digest, int limit) {
    return matchingExcept(digest, NO_REPLICA, limit);
  }

  /** The first {@code limit} votes for {@code digest} from replicas other than {@code excluded}. */
  List<ConsensusMessage> matchingExcept(String digest, int excluded, int limit) {
    List<ConsensusMessage> votes = new ArrayList<>(limit);
    for (ConsensusMessage vote : bySender.values()) {
      if (votes.size() == limit) {
        break;
      }
      if (vote.sender() != excluded && vote.digest().equals(digest)) {
        votes.add(vote);
      }
    }
    return votes;
  }

  int size() {
    return bySender.size();
  }
}
