package io.bftvote.replica.byzantine;

import io.bftvote.replica.core.Action;
import java.util.List;

/**
 * A faulty replica: a pure rewrite of what its honest core asked the adapter to do. The adapter
 * calls {@link #apply} at the one place it carries out actions, so the core stays honest and the
 * lies stay here. Only the replica's event loop calls it: implementations keep state without locks.
 */
public interface Misbehaviour {
  /** The actions to carry out instead of {@code honest}. */
  List<Action> apply(List<Action> honest);

  /** False if the replica also keeps its replies and executed blocks to itself. */
  default boolean publishesResults() {
    return true;
  }

  /** The mode, as DESIGN.md names it ("equivocate"); "honest" for {@link #none()}. */
  String mode();

  /** A replica that does exactly what its core says. */
  static Misbehaviour none() {
    return Honest.INSTANCE;
  }

  /**
   * The misbehaviour DESIGN.md calls {@code mode} ({@code silent}, {@code equivocate},
   * {@code forge}, {@code corrupt}, {@code replay}), lying as {@code traitor}.
   *
   * @throws IllegalArgumentException naming the known modes, if {@code mode} is none of them
   */
  static Misbehaviour parse(String mode, Traitor traitor) {
    return Mode.parse(mode).lyingAs(traitor);
  }

  /** Passes everything through. */
  enum Honest implements Misbehaviour {
    INSTANCE;

    @Override
    public List<Action> apply(List<Action> honest) {
      return honest;
    }

    @Override
    public String mode() {
      return "honest";
    }
  }
}
