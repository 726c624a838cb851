package io.bftvote.bench;

import java.util.OptionalDouble;

/**
 * Finds the highest rate that meets every objective: double from the start rate until a run
 * misses (or halve until one passes), then bisect between the highest pass and the lowest miss
 * until they are within the resolution (or 5 % of the pass, whichever is wider). Rates are
 * multiples of the resolution, so the figures read cleanly. Pure: the runs happen elsewhere.
 */
final class MaxRateSearch {
  private static final double RELATIVE_PRECISION = 0.05;

  private final double startRate;
  private final double resolution;
  private final int maxSteps;
  private double highestPass;
  private double lowestMiss = Double.POSITIVE_INFINITY;
  private int steps;

  MaxRateSearch(double startRate, double resolution, int maxSteps) {
    if (!(resolution > 0) || !(startRate >= resolution)) {
      throw new IllegalArgumentException("the start rate must be at least the resolution, and both positive");
    }
    this.startRate = startRate;
    this.resolution = resolution;
    this.maxSteps = maxSteps;
  }

  /** The next rate to try, or empty when the search is done. */
  OptionalDouble next() {
    if (steps >= maxSteps) {
      return OptionalDouble.empty();
    }
    double next;
    if (lowestMiss == Double.POSITIVE_INFINITY) {
      next = highestPass == 0 ? startRate : highestPass * 2;
    } else if (highestPass == 0) {
      next = round(lowestMiss / 2);
    } else {
      if (lowestMiss - highestPass <= Math.max(resolution, RELATIVE_PRECISION * highestPass)) {
        return OptionalDouble.empty();
      }
      next = round((highestPass + lowestMiss) / 2);
    }
    boolean alreadyKnown = next <= highestPass || next >= lowestMiss;
    return alreadyKnown || next < resolution ? OptionalDouble.empty() : OptionalDouble.of(next);
  }

  void record(double rate, boolean passed) {
    steps++;
    if (passed) {
      highestPass = Math.max(highestPass, rate);
    } else {
      lowestMiss = Math.min(lowestMiss, rate);
    }
  }

  /** The highest rate that passed, if any did. */
  OptionalDouble best() {
    return highestPass > 0 ? OptionalDouble.of(highestPass) : OptionalDouble.empty();
  }

  private double round(double rate) {
    return Math.round(rate / resolution) * resolution;
  }
}
