package io.bftvote.tally;

/** The state stores cannot be read right now (starting, restoring or rebalancing); try again later. */
public final class TallyUnavailableException extends RuntimeException {
  public TallyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
