package io.bftvote.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples fall ({@code jdk.ExecutionSample}): by thread group, by
 * the method on top of the stack (self time), and by every method on the stack (total time), so
 * a profile of a devnet under load reads as a short table instead of a GUI session.
 */
final class JfrSummary {
  private static final String PROJECT = "io.bftvote.";

  private final Map<String, Long> byThread = new HashMap<>();
  private final Map<String, Long> self = new HashMap<>();
  private final Map<String, Long> total = new HashMap<>();
  private long samples;

  static JfrSummary of(Path recording) throws IOException {
    JfrSummary summary = new JfrSummary();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
          summary.add(event);
        }
      }
    }
    return summary;
  }

  private void add(RecordedEvent sample) {
    samples++;
    String thread = sample.getThread("sampledThread") == null ? "?" : sample.getThread("sampledThread").getJavaName();
    byThread.merge(ThreadProbe.group(String.valueOf(thread)), 1L, Long::sum);
    List<RecordedFrame> frames = sample.getStackTrace().getFrames();
    if (frames.isEmpty()) {
      return;
    }
    self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
    Set<String> seen = new HashSet<>(); // a recursive method counts once per sample
    for (RecordedFrame frame : frames) {
      String method = name(frame.getMethod());
      if (seen.add(method)) {
        total.merge(method, 1L, Long::sum);
      }
    }
  }

  void print(PrintWriter out, int rows) {
    out.printf(Locale.ROOT, "%,d CPU samples (jdk.ExecutionSample)%n", samples);
    table(out, "by thread group", byThread, rows);
    table(out, "self: method on top of the stack", self, rows);
    table(out, "total: method anywhere on the stack", total, rows);
    Map<String, Long> ours = new HashMap<>(total);
    ours.keySet().removeIf(method -> !method.startsWith(PROJECT));
    table(out, "total, bftvote's own methods only: which of its steps the time is spent under", ours, 2 * rows);
    out.flush();
  }

  private void table(PrintWriter out, String title, Map<String, Long> counts, int rows) {
    out.printf("%n%s%n", title);
    counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(rows)
        .forEach(e -> out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples),
            e.getKey()));
  }

  /** Type and method; a lambda's generated class name (…$$Lambda$123+0x…) is cut to its defining class. */
  private static String name(RecordedMethod method) {
    if (method == null) {
      return "?";
    }
    String type = method.getType().getName();
    int lambda = type.indexOf("$$Lambda");
    return lambda < 0 ? type + "." + method.getName() : type.substring(0, lambda) + ".<lambda>";
  }
}
