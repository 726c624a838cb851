package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import java.util.List;

/**
 * Sends nothing: a crashed replica that never says so. Its core still executes and votes in its
 * head, but no message, reply or block leaves it; the others must do without it (f of them may).
 */
final class Silent implements Misbehaviour {
  @Override
  public List<Action> apply(List<Action> honest) {
    return Broadcasts.rewrite(honest, signed -> List.of());
  }

  @Override
  public boolean publishesResults() {
    return false;
  }

  @Override
  public String mode() {
    return Mode.SILENT.wire();
  }
}
