package io.bftvote.replica.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * One line of {@code blocks.jsonl}: a {@link CertifiedBlock}'s two fields plus where to resume
 * reading {@code bft.requests} after a restart, saved in the same write so the two never disagree.
 */
@JsonPropertyOrder({"block", "certificate", "requestsResumeOffset"})
record StoredBlock(Block block, List<ConsensusMessage> certificate, long requestsResumeOffset) {
  StoredBlock {
    certificate = certificate == null ? List.of() : List.copyOf(certificate);
  }

  CertifiedBlock certified() {
    return new CertifiedBlock(block, certificate);
  }
}
