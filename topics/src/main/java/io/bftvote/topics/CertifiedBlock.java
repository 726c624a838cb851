package io.bftvote.topics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What goes on {@code bft.blocks}: a committed block with its commit certificate, the 2f+1 signed
 * commits for (v, n, d) from distinct replicas that prove it committed (PBFT §4.2,
 * committed-local). Anyone holding the replica keys can check it without trusting the publisher.
 */
public record CertifiedBlock(Block block, List<ConsensusMessage> certificate) {
  public CertifiedBlock {
    certificate = certificate == null ? List.of() : List.copyOf(certificate);
  }

  /**
   * Why this block is not proven committed, or null if the certificate holds. Checks the batch
   * digest too, so the ballots cannot be swapped under a valid certificate. The outcomes and
   * previous hash are not covered by the commits: a reader recomputes them by executing.
   */
  public String certificateProblem(Cluster cluster) {
    if (block == null) return "no block";
    if (block.height() < 1) return "height " + block.height() + " is not a committed sequence";
    if (block.digest() == null) return "block has no digest";
    for (Ballot b : block.ballots()) {
      if (b == null || b.problem() != null) return "block holds a malformed ballot";
    }
    if (!block.digest().equals(BatchDigest.of(block.ballots()))) return "digest does not match the ballots";
    if (certificate.size() < cluster.quorum()) {
      return "certificate has " + certificate.size() + " commits, needs " + cluster.quorum();
    }
    Set<Integer> senders = new HashSet<>();
    long view = certificate.get(0).view();
    for (ConsensusMessage commit : certificate) {
      if (commit == null) return "certificate holds a null entry";
      if (commit.phase() != Phase.COMMIT) return "certificate holds a " + commit.phase() + ", not a commit";
      if (commit.view() != view) return "certificate mixes views " + view + " and " + commit.view();
      if (commit.sequence() != block.height()) return "commit for sequence " + commit.sequence() + " certifies height " + block.height();
      if (!block.digest().equals(commit.digest())) return "commit from replica " + commit.sender() + " is for another digest";
      if (!senders.add(commit.sender())) return "replica " + commit.sender() + " appears twice in the certificate";
      if (!commit.hasValidSignature(cluster)) return "commit from replica " + commit.sender() + " has a bad signature";
    }
    return null;
  }
}
