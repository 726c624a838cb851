package io.bftvote.cli.devnet;

import io.bftvote.replica.byzantine.Mode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The misbehaviours DESIGN.md names for {@code devnet --byzantine ID:MODE}. */
public enum ByzantineMode {
  SILENT, EQUIVOCATE, FORGE, CORRUPT, REPLAY;

  /** Parses {@code ID:MODE}, e.g. {@code 3:equivocate}, into a one-entry map. */
  public static Map.Entry<Integer, ByzantineMode> parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("--byzantine wants ID:MODE, like 3:equivocate; got '" + spec + "'");
    }
    int id;
    try {
      id = Integer.parseInt(spec.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--byzantine: '" + spec.substring(0, colon) + "' is not a replica id");
    }
    String mode = spec.substring(colon + 1);
    try {
      return Map.entry(id, valueOf(mode.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--byzantine: unknown mode '" + mode + "'; modes are " + names());
    }
  }

  /** The replica's mode of the same name. */
  public Mode replicaMode() {
    return Mode.parse(name());
  }

  public static String names() {
    return Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
  }
}
