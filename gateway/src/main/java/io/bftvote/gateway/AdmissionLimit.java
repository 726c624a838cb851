package io.bftvote.gateway;

/**
 * How many votes posted here may wait for their outcome at once. By Little's law the votes in the
 * system are the rate they leave it times the time each spends in it: admitting no more than
 * {@code finals per second × targetSeconds} keeps the wait for an outcome near {@code targetSeconds}
 * however much is offered, and what the cluster cannot finish is refused at once, cheaply, instead
 * of piling up until requests time out. {@code floor} is the least ever admitted, so that a gateway
 * that has seen no outcomes yet (just started, idle) or a view change (seconds without an outcome)
 * does not refuse. {@code targetSeconds} 0 turns the limit off.
 */
public record AdmissionLimit(int targetSeconds, int floor) {
  /** Five seconds is far above the latency at the ceiling; 10,000 covers a 4 s view change at 2,500 votes/s. */
  public static final AdmissionLimit DEFAULT = new AdmissionLimit(5, 10_000);

  public AdmissionLimit {
    if (targetSeconds < 0) {
      throw new IllegalArgumentException("targetSeconds must be 0 (no limit) or more, got " + targetSeconds);
    }
    if (floor < 1) {
      throw new IllegalArgumentException("floor must be at least 1, got " + floor);
    }
  }

  /** No limit but the outcome book's own bound. */
  boolean isOff() {
    return targetSeconds == 0;
  }
}
