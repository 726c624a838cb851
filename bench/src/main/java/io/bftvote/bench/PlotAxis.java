package io.bftvote.bench;

import java.util.ArrayList;
import java.util.List;

/** One axis of a plot: maps values to pixels, linearly or on a log scale, and picks round tick values. */
final class PlotAxis {
  /** About this many labelled ticks on a linear axis. */
  private static final int DIVISIONS = 8;

  private final double min;
  private final double max;
  private final boolean log;
  private final int fromPixel;
  private final int toPixel;

  private PlotAxis(double min, double max, boolean log, int fromPixel, int toPixel) {
    this.min = min;
    this.max = max;
    this.log = log;
    this.fromPixel = fromPixel;
    this.toPixel = toPixel;
  }

  /** A linear axis from 0 to a round value at or above {@code largest}. */
  static PlotAxis linearFromZero(double largest, int fromPixel, int toPixel) {
    double step = niceStep(Math.max(largest, 1) / DIVISIONS);
    return new PlotAxis(0, Math.ceil(Math.max(largest, 1) * 1.05 / step) * step, false, fromPixel, toPixel);
  }

  /** A log axis over whole decades covering {@code smallest}..{@code largest} (values must be positive). */
  static PlotAxis logDecades(double smallest, double largest, int fromPixel, int toPixel) {
    double low = Math.pow(10, Math.floor(Math.log10(Math.max(smallest, 1e-3))));
    double high = Math.pow(10, Math.ceil(Math.log10(Math.max(largest, low * 10))));
    return new PlotAxis(low, high == low ? low * 10 : high, true, fromPixel, toPixel);
  }

  int pixel(double value) {
    double share = log
        ? (Math.log10(clamp(value)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
        : (clamp(value) - min) / (max - min);
    return (int) Math.round(fromPixel + share * (toPixel - fromPixel));
  }

  /** Round values to label: 1-2-5 steps on a linear axis, every decade (and 2, 5 within) on a log one. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (double decade = min; decade <= max * 1.0001; decade *= 10) {
        for (double m : new double[] {1, 2, 5}) {
          if (decade * m <= max * 1.0001) {
            ticks.add(decade * m);
          }
        }
      }
    } else {
      double step = niceStep((max - min) / DIVISIONS);
      for (double v = min; v <= max + step / 1000; v += step) {
        ticks.add(v);
      }
    }
    return ticks;
  }

  double max() {
    return max;
  }

  private double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  /** The 1, 2 or 5 times a power of ten nearest above {@code rough}. */
  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }
}
