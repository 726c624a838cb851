package io.bftvote.cli.client;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress indicator for a terminal. Off when the output is not a terminal, so pipes
 * and logs get no carriage-return noise.
 */
final class Spinner {
  private static final String FRAMES = "|/-\\";
  private final PrintWriter out;
  private final boolean enabled;
  private int frame;

  Spinner(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  static Spinner forTerminal(PrintWriter out) {
    return new Spinner(out, System.console() != null);
  }

  void show(String what, Duration elapsed) {
    if (enabled) {
      out.printf("\r%c %s %.1fs ", FRAMES.charAt(frame++ % FRAMES.length()), what, elapsed.toMillis() / 1000.0);
      out.flush();
    }
  }

  void clear() {
    if (enabled) {
      out.print("\r\033[K");
      out.flush();
    }
  }
}
