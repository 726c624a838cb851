package io.bftvote.bench;

import java.util.concurrent.CompletionStage;

/** Hands ballots to the system under test, without ever blocking the caller (the open-loop scheduler). */
interface VoteSender extends AutoCloseable {
  /** How the system took one ballot. */
  record Handover(boolean taken, String refusal) {
    static final Handover TAKEN = new Handover(true, null);

    /** Refused or failed; {@code why} is a short label for the report, like "http-429". */
    static Handover refused(String why) {
      return new Handover(false, why);
    }
  }

  /** Sends one ballot; the stage completes (never exceptionally) with how the system took it. */
  CompletionStage<Handover> send(SignedBallot ballot);

  /** "http" or "direct". */
  String mode();

  /** Where the ballots go, for the report. */
  String target();

  /** How many distinct client addresses the load comes from. */
  int clients();

  @Override
  void close();
}
