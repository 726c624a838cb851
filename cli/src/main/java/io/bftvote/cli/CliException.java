package io.bftvote.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A failure to report as one line (no stack trace) with the exit code it deserves. */
public final class CliException extends RuntimeException {
  private final int exitCode;

  private CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Something went wrong at run time: exit 1. */
  public static CliException failure(String message) {
    return new CliException(message, Main.FAILURE, null);
  }

  public static CliException failure(String message, Throwable cause) {
    return new CliException(message, Main.FAILURE, cause);
  }

  /** The command was asked for something it cannot do as asked: exit 2. */
  public static CliException usage(String message) {
    return new CliException(message, Main.USAGE, null);
  }

  /**
   * A settings record refused what the flags gave it: its message, naming the operator's flags
   * where the record names its fields. One pass over the message, so a flag that contains a field's
   * name (--verify-threads, threads) is never renamed twice.
   */
  public static CliException usage(IllegalArgumentException refused, Map<String, String> flagOfField) {
    String fields = String.join("|", flagOfField.keySet().stream().map(Pattern::quote).toList());
    Matcher named = Pattern.compile("\\b(" + fields + ")\\b").matcher(refused.getMessage());
    return usage(named.replaceAll(field -> Matcher.quoteReplacement(flagOfField.get(field.group(1)))));
  }

  public int exitCode() {
    return exitCode;
  }
}
