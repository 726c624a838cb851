package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.BatchDigest;
import io.bftvote.topics.Bytes;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Says one thing to half of the replicas and another to the rest, signing both. As primary, two
 * pre-prepares for one (view, sequence): the honest batch, and the batch without its last ballot.
 * As backup, two prepares and two commits: for the honest digest, and for a made-up one. Each
 * message is addressed to a single replica, so no honest replica sees both; only a reader of the
 * whole topic (the tally) holds the two signed messages that prove the lie.
 */
final class Equivocate implements Misbehaviour {
  private final Traitor traitor;

  Equivocate(Traitor traitor) {
    this.traitor = traitor;
  }

  @Override
  public List<Action> apply(List<Action> honest) {
    return Broadcasts.rewrite(honest, this::split);
  }

  @Override
  public String mode() {
    return Mode.EQUIVOCATE.wire();
  }

  private List<ConsensusMessage> split(ConsensusMessage honest) {
    if (honest.phase() == Phase.PRE_PREPARE && honest.batch() != null && !honest.batch().isEmpty()) {
      // An empty batch has no shorter variant; inventing ballots is not possible without voter keys.
      return addressedToHalves(honest, withBatch(honest, withoutLast(honest.batch())));
    }
    boolean vote = honest.phase() == Phase.PREPARE || honest.phase() == Phase.COMMIT;
    if (vote && !traitor.isPrimaryOf(honest.view())) {
      return addressedToHalves(honest, withDigest(honest, madeUpDigest(honest.digest())));
    }
    return List.of(honest);
  }

  /** {@code a} to each replica of one half, {@code b} to each of the other, all signed by this replica. */
  private List<ConsensusMessage> addressedToHalves(ConsensusMessage a, ConsensusMessage b) {
    Traitor.Halves halves = traitor.halves();
    List<ConsensusMessage> out = new ArrayList<>(halves.first().size() + halves.second().size());
    halves.first().forEach(r -> out.add(traitor.sign(a.addressedTo(r))));
    halves.second().forEach(r -> out.add(traitor.sign(b.addressedTo(r))));
    return out;
  }

  private static List<Ballot> withoutLast(List<Ballot> batch) {
    return batch.subList(0, batch.size() - 1);
  }

  private static ConsensusMessage withBatch(ConsensusMessage m, List<Ballot> batch) {
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), BatchDigest.of(batch), m.sender(), m.to(),
        List.copyOf(batch), m.payload(), null);
  }

  private static ConsensusMessage withDigest(ConsensusMessage m, String digest) {
    return new ConsensusMessage(m.phase(), m.view(), m.sequence(), digest, m.sender(), m.to(), m.batch(),
        m.payload(), null);
  }

  /** A digest no batch has: what the vote is for does not matter, only that it differs. */
  static String madeUpDigest(String honest) {
    return Bytes.sha256Hex(Bytes.utf8("bftvote/equivocation/" + honest));
  }
}
