package io.bftvote.gateway;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.bftvote.topics.Block;

/** What the dashboard shows of a committed block: its height, its hash and how many ballots it holds. */
@JsonPropertyOrder({"height", "hash", "ballots"})
record BlockSummary(long height, String hash, int ballots) {
  static BlockSummary of(Block block) {
    return new BlockSummary(block.height(), block.hash(), block.ballots().size());
  }
}
