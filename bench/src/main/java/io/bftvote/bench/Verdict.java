package io.bftvote.bench;

import java.util.List;

/** Whether a run met its objectives, and if not, each objective it missed, in words. */
record Verdict(boolean passed, List<String> misses) {
  Verdict {
    misses = List.copyOf(misses);
  }

  static Verdict of(List<String> misses) {
    return new Verdict(misses.isEmpty(), misses);
  }
}
