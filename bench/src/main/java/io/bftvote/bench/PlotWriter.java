package io.bftvote.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws throughput and p99 latency against offered load, one line per result file (e.g. n=4 and
 * n=7), into a PNG: committed votes/s on top (with the "keeps up" diagonal), p99 on a log scale
 * below (with the target). Filled markers are runs that met every objective, hollow ones missed.
 * Plain Java2D, so the project plots its own figures with no plotting library.
 */
final class PlotWriter {
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd)};
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int GAP = 70;
  private static final int BOTTOM = 60;
  private static final int MARKER = 8;

  private final int width;
  private final int height;

  PlotWriter(int width, int height) {
    if (width < 400 || height < 400) {
      throw new IllegalArgumentException("a plot needs at least 400x400 pixels, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  void write(List<BenchResult> results, Path png) throws IOException {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("nothing to plot: give at least one result file");
    }
    Path parent = png.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (!ImageIO.write(draw(results), "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  BufferedImage draw(List<BenchResult> results) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString("bftvote: committed votes/s and p99 post-to-final latency against offered load", LEFT, 28);
      int panel = (height - TOP - GAP - BOTTOM) / 2;
      double maxOffered = results.stream().flatMap(r -> r.runs().stream()).mapToDouble(RunReport::offeredRate).max()
          .orElse(1);
      PlotAxis x1 = PlotAxis.linearFromZero(maxOffered, LEFT, width - RIGHT);
      double maxCommitted = Math.max(maxOffered, max(results, RunReport::committedPerSecond));
      PlotAxis throughput = PlotAxis.linearFromZero(maxCommitted, TOP + panel, TOP);
      drawPanel(g, results, x1, throughput, RunReport::committedPerSecond, "committed votes/s", TOP, panel);
      dashed(g, x1.pixel(0), throughput.pixel(0), x1.pixel(x1.max()), throughput.pixel(x1.max()),
          "offered = committed");
      int top2 = TOP + panel + GAP;
      double target = results.get(0).objectives().p99TargetMillis();
      PlotAxis p99 = PlotAxis.logDecades(Math.min(target, min(results, r -> r.latency().p99())),
          Math.max(target, max(results, r -> r.latency().p99())), top2 + panel, top2);
      drawPanel(g, results, x1, p99, r -> r.latency().p99(), "p99 latency, ms (log)", top2, panel);
      dashed(g, LEFT, p99.pixel(target), width - RIGHT, p99.pixel(target),
          String.format(Locale.ROOT, "target %.0f ms", target));
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString("offered votes/s (open loop)", (LEFT + width - RIGHT) / 2 - 80, height - 15);
    } finally {
      g.dispose();
    }
    return image;
  }

  private void drawPanel(Graphics2D g, List<BenchResult> results, PlotAxis x, PlotAxis y,
                         ToDoubleFunction<RunReport> value, String title, int top, int panel) {
    g.setStroke(new BasicStroke(1f)); // the previous panel's series left a thicker one
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (double tick : x.ticks()) {
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(x.pixel(tick), top, x.pixel(tick), top + panel);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%,.0f", tick), x.pixel(tick) - 15, top + panel + 16);
    }
    for (double tick : y.ticks()) {
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, y.pixel(tick), width - RIGHT, y.pixel(tick));
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%,.0f", tick), 8, y.pixel(tick) + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, top, width - RIGHT - LEFT, panel);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, LEFT + 6, top - 8);
    for (int s = 0; s < results.size(); s++) {
      Color color = PALETTE[s % PALETTE.length];
      drawSeries(g, results.get(s), color, x, y, value);
      g.setColor(color);
      g.fillRect(LEFT + 12, top + 9 + 16 * s, 10, 10);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(results.get(s).label(), LEFT + 28, top + 18 + 16 * s);
    }
  }

  private static void drawSeries(Graphics2D g, BenchResult result, Color color, PlotAxis x, PlotAxis y,
                                 ToDoubleFunction<RunReport> value) {
    List<RunReport> runs = result.runs().stream().filter(r -> !Double.isNaN(value.applyAsDouble(r)))
        .sorted(Comparator.comparingDouble(RunReport::offeredRate)).toList();
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < runs.size(); i++) {
      g.drawLine(x.pixel(runs.get(i - 1).offeredRate()), y.pixel(value.applyAsDouble(runs.get(i - 1))),
          x.pixel(runs.get(i).offeredRate()), y.pixel(value.applyAsDouble(runs.get(i))));
    }
    for (RunReport run : runs) {
      int px = x.pixel(run.offeredRate()) - MARKER / 2;
      int py = y.pixel(value.applyAsDouble(run)) - MARKER / 2;
      if (run.verdict().passed()) {
        g.fillOval(px, py, MARKER, MARKER);
      } else {
        g.setColor(Color.WHITE);
        g.fillOval(px, py, MARKER, MARKER);
        g.setColor(color);
        g.drawOval(px, py, MARKER, MARKER);
      }
    }
  }

  private static void dashed(Graphics2D g, int x1, int y1, int x2, int y2, String label) {
    Stroke before = g.getStroke();
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
    g.drawLine(x1, y1, x2, y2);
    g.setStroke(before);
    g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
    g.drawString(label, Math.max(x1, x2) - 120, Math.min(y1, y2) + 14);
  }

  private static double max(List<BenchResult> results, ToDoubleFunction<RunReport> value) {
    return results.stream().flatMap(r -> r.runs().stream()).mapToDouble(value).filter(v -> !Double.isNaN(v)).max()
        .orElse(1);
  }

  private static double min(List<BenchResult> results, ToDoubleFunction<RunReport> value) {
    return results.stream().flatMap(r -> r.runs().stream()).mapToDouble(value).filter(v -> v > 0).min().orElse(1);
  }
}
