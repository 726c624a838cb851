package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A block of the hash-chained ledger. Block n holds the batch committed at PBFT sequence n (height
 * equals sequence; an empty batch is a null request). {@code outcomes[i]} is the
 * {@link Outcome#code()} of {@code ballots[i]}. The hash covers the previous hash, the batch digest
 * and the outcomes, so two replicas that executed differently have different heads.
 */
@JsonPropertyOrder({"height", "previous", "digest", "ballots", "outcomes", "hash"})
public record Block(long height, String previous, String digest, List<Ballot> ballots, List<String> outcomes, String hash) {
  public static final String DOMAIN = "bftvote/block/v1";
  public static final String NO_PREVIOUS = "0".repeat(64);

  public Block {
    ballots = ballots == null ? List.of() : List.copyOf(ballots);
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
  }

  /** Block 0: binds the election definitions and the replica keys, so differing setups never agree. */
  public static Block genesis(Elections elections, Cluster cluster) {
    String digest = Bytes.sha256Hex(Bytes.utf8("bftvote/genesis/v1\n" + elections.hash() + '\n' + cluster.hash()));
    return create(0, NO_PREVIOUS, digest, List.of(), List.of());
  }

  /** A block with its hash computed. */
  public static Block create(long height, String previous, String digest, List<Ballot> ballots, List<String> outcomes) {
    return new Block(height, previous, digest, ballots, outcomes, hashOf(height, previous, digest, outcomes));
  }

  public static String hashOf(long height, String previous, String digest, List<String> outcomes) {
    return Bytes.sha256Hex(Bytes.utf8(DOMAIN + '\n' + height + '\n' + previous + '\n' + digest + '\n'
        + String.join(",", outcomes)));
  }

  /** True if the stored hash is the hash of the contents (says nothing about who agreed to it). */
  @JsonIgnore
  public boolean isSelfConsistent() {
    return hash != null && hash.equals(hashOf(height, previous, digest, outcomes)) && outcomes.size() == ballots.size();
  }
}
