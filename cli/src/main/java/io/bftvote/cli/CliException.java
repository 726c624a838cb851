package io.bftvote.cli;

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

  public int exitCode() {
    return exitCode;
  }
}
