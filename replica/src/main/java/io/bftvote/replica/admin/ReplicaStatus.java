package io.bftvote.replica.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code GET /status} answers (DESIGN.md). {@code stableCheckpoint} is the sequence of the
 * last stable checkpoint (PBFT §4.3: 2f+1 replicas signed the same head hash there; 0 for the
 * genesis state). {@code head} is the hex hash of the last executed block.
 */
@JsonPropertyOrder({"id", "view", "primary", "height", "stableCheckpoint", "head"})
public record ReplicaStatus(int id, long view, int primary, long height, long stableCheckpoint, String head) {}
