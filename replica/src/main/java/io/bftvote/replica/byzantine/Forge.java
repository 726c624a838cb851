package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.ConsensusMessage;
import java.util.List;

/**
 * Sends each of its messages twice: once honestly, and once claiming to come from another
 * replica. A forged prepare or commit is what a faulty replica would need to fake a quorum, but
 * it can sign only with its own key, so the claimed sender's signature check fails at the edge.
 * A forgery proves nothing about anyone, so it must never count as evidence either.
 */
final class Forge implements Misbehaviour {
  private final Traitor traitor;

  Forge(Traitor traitor) {
    this.traitor = traitor;
  }

  @Override
  public List<Action> apply(List<Action> honest) {
    return Broadcasts.rewrite(honest, signed -> List.of(signed, claimingToBeFrom(traitor.someoneElse(), signed)));
  }

  @Override
  public String mode() {
    return Mode.FORGE.wire();
  }

  private ConsensusMessage claimingToBeFrom(int victim, ConsensusMessage m) {
    return traitor.sign(new ConsensusMessage(m.phase(), m.view(), m.sequence(), m.digest(), victim, m.to(), m.batch(),
        m.payload(), null));
  }
}
