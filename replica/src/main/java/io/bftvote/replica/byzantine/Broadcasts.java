package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rewrites the broadcasts among a core's actions; every other action stays as it was, in order. */
final class Broadcasts {
  private Broadcasts() {}

  static List<Action> rewrite(List<Action> honest, Function<ConsensusMessage, List<ConsensusMessage>> lie) {
    List<Action> out = new ArrayList<>(honest.size());
    for (Action action : honest) {
      if (action instanceof Action.Broadcast b) {
        lie.apply(b.signed()).forEach(m -> out.add(new Action.Broadcast(m)));
      } else {
        out.add(action);
      }
    }
    return out;
  }
}
