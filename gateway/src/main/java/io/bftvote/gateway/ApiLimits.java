package io.bftvote.gateway;

/**
 * What one client may ask of the gateway. The vote rate is a token bucket per remote IP: a
 * person never notices it, a script flooding the gateway gets 429s instead of crowding out
 * everyone else. {@code streamClients} bounds the live event streams held open at once.
 */
public record ApiLimits(double votesPerSecond, int voteBurst, int streamClients) {
  /** Generous: a whole polling station behind one NAT address fits well inside it. */
  public static final ApiLimits DEFAULT = new ApiLimits(200, 400, 1_000);

  public ApiLimits {
    if (!(votesPerSecond > 0) || Double.isInfinite(votesPerSecond)) {
      throw new IllegalArgumentException("votesPerSecond must be a positive number, got " + votesPerSecond);
    }
    if (voteBurst < 1) {
      throw new IllegalArgumentException("voteBurst must be at least 1, got " + voteBurst);
    }
    if (streamClients < 1) {
      throw new IllegalArgumentException("streamClients must be at least 1, got " + streamClients);
    }
  }
}
