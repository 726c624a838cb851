package io.bftvote.replica.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@code GET /status} answers (DESIGN.md). {@code stableCheckpoint} is the sequence of the
 * last stable checkpoint (PBFT §4.3: 2f+1 replicas signed the same head hash there; 0 for the
 * genesis state). {@code head} is the hex hash of the last executed block. {@code misbehaving} lists
 * the replicas this one holds signed proof against (two digests for one slot, or a proposal of an
 * invalid ballot) — an addition to DESIGN.md's fields.
 */
@JsonPropertyOrder({"id", "view", "primary", "height", "stableCheckpoint", "head", "misbehaving"})
public record ReplicaStatus(int id, long view, int primary, long height, long stableCheckpoint, String head,
                            List<Integer> misbehaving) {
  public ReplicaStatus {
    misbehaving = misbehaving == null ? List.of() : List.copyOf(misbehaving);
  }

  /** A status with no misbehaviour seen (yet). */
  public ReplicaStatus(int id, long view, int primary, long height, long stableCheckpoint, String head) {
    this(id, view, primary, height, stableCheckpoint, head, List.of());
  }
}
