package io.bftvote.tally;

import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Json;

/**
 * Turns the raw bytes of a {@code bft.blocks} record into a block proven committed, or a refusal
 * that says why. Any replica may publish anything under any height, so nothing about a record is
 * trusted until its commit certificate checks out against the cluster's keys.
 */
final class BlockVerifier {
  /** What the verifier concluded about one record. */
  sealed interface Verdict permits Certified, Refused {}

  /** 2f+1 replicas signed commits for this block's height and digest: it is committed. */
  record Certified(CertifiedBlock block) implements Verdict {}

  /** Not proven committed: {@code detail} is the precise reason, for the log. */
  record Refused(Refusal reason, String detail) implements Verdict {}

  private final Cluster cluster;

  BlockVerifier(Cluster cluster) {
    this.cluster = cluster;
  }

  Verdict verify(byte[] value) {
    if (value == null) {
      return new Refused(Refusal.MALFORMED, "empty record (no value)");
    }
    CertifiedBlock candidate;
    try {
      candidate = Json.read(value, CertifiedBlock.class);
    } catch (Json.MalformedException e) {
      return new Refused(Refusal.MALFORMED, "not a certified block: " + e.getMessage());
    }
    String malformation = whyMalformed(candidate);
    if (malformation != null) {
      return new Refused(Refusal.MALFORMED, malformation);
    }
    String problem = candidate.certificateProblem(cluster);
    if (problem != null) {
      return new Refused(Refusal.UNCERTIFIED, "height " + candidate.block().height() + ": " + problem);
    }
    return new Certified(candidate);
  }

  /**
   * Parts the certificate check and execution rely on. JSON can omit any field, and the ledger
   * rules assume well-formed ballots. Honest replicas only commit ballots whose signature verifies,
   * so a certified block never fails this; refusing it keeps one bad record from stopping the tally.
   */
  private static String whyMalformed(CertifiedBlock candidate) {
    Block block = candidate.block();
    if (block == null) return "record has no block";
    if (block.digest() == null) return "block " + block.height() + " has no digest";
    for (int i = 0; i < block.ballots().size(); i++) {
      String problem = block.ballots().get(i).problem();
      if (problem != null) return "block " + block.height() + " holds a malformed ballot at " + i + ": " + problem;
    }
    return null;
  }
}
