package io.bftvote.gateway;

import io.bftvote.topics.Ballot;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small parameters of the HTTP API: a vote id in a path, a {@code wait} time in a query. */
final class RequestParams {
  /** Long enough for a view change; short enough that a client never holds a connection forever. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  private static final Pattern WAIT = Pattern.compile("(\\d{1,9})(ms|s)");

  private RequestParams() {}

  /** A vote id is the ballot's request id: lowercase hex SHA-256. */
  static Checked<String> voteId(String raw) {
    if (Ballot.isRequestId(raw)) {
      return Checked.ok(raw);
    }
    return Checked.rejected("bad-vote-id", "a vote id is 64 lowercase hex characters (the SHA-256 request id of the ballot)");
  }

  /** {@code wait=5s} or {@code wait=500ms}, capped at {@link #MAX_WAIT}; absent means do not wait. */
  static Checked<Duration> waitTime(String raw) {
    if (raw == null) {
      return Checked.ok(Duration.ZERO);
    }
    Matcher m = WAIT.matcher(raw);
    if (!m.matches()) {
      return Checked.rejected("bad-wait", "wait must be a whole number of seconds or milliseconds, like 5s or 500ms");
    }
    long amount = Long.parseLong(m.group(1));
    Duration wait = m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    return Checked.ok(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
  }
}
