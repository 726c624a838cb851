package io.bftvote.replica.byzantine;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Byzantine modes of DESIGN.md's {@code --byzantine}, each with what it does, for the logs. */
public enum Mode {
  SILENT("sends nothing and publishes no replies or blocks", traitor -> new Silent()),
  EQUIVOCATE("signs two conflicting pre-prepares (as primary) or prepares and commits (as backup) per sequence,"
      + " one to each half of the others", Equivocate::new),
  FORGE("also sends copies of its messages claiming another replica's id", Forge::new),
  CORRUPT("proposes, as primary, batches holding a forged ballot or a digest that does not match", Corrupt::new),
  REPLAY("re-sends messages it signed for earlier views and sequences", Replay::new);

  private final String description;
  private final Function<Traitor, Misbehaviour> factory;

  Mode(String description, Function<Traitor, Misbehaviour> factory) {
    this.description = description;
    this.factory = factory;
  }

  /** The name on the command line: {@code equivocate}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public Misbehaviour lyingAs(Traitor traitor) {
    return factory.apply(traitor);
  }

  /** @throws IllegalArgumentException naming the known modes, if {@code text} is none of them */
  public static Mode parse(String text) {
    for (Mode mode : values()) {
      if (mode.wire().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown Byzantine mode '" + text + "'; the modes are " + names());
  }

  /** "silent, equivocate, forge, corrupt, replay" */
  public static String names() {
    return Arrays.stream(values()).map(Mode::wire).collect(Collectors.joining(", "));
  }
}
