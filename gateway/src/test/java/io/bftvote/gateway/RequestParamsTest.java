package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParamsTest {
  @Test
  void noWaitParameterMeansAnswerAtOnce() {
    assertEquals(Duration.ZERO, RequestParams.waitTime(null).value());
  }

  @Test
  void waitAcceptsSecondsAndMilliseconds() {
    assertEquals(Duration.ofSeconds(5), RequestParams.waitTime("5s").value());
    assertEquals(Duration.ofMillis(500), RequestParams.waitTime("500ms").value());
  }

  @Test
  void aWaitLongerThanThirtySecondsIsCappedNotRefused() {
    assertEquals(Duration.ofSeconds(30), RequestParams.waitTime("90s").value());
    assertEquals(Duration.ofSeconds(30), RequestParams.waitTime("999999999ms").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "five", "-1s", "1.5s", "5 s", "5m", "10000000000s"})
  void aWaitWithoutAWholeNumberAndUnitIsRefused(String raw) {
    Checked<Duration> wait = RequestParams.waitTime(raw);
    assertFalse(wait.isOk());
    assertEquals("wait must be a whole number of seconds or milliseconds, like 5s or 500ms", wait.rejection().message());
  }

  @Test
  void aVoteIdIsSixtyFourLowercaseHexCharacters() {
    String id = "0123456789abcdef".repeat(4);
    assertEquals(id, RequestParams.voteId(id).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"})
  void aVoteIdOfAnotherShapeIsRefused(String raw) {
    Checked<String> id = RequestParams.voteId(raw);
    assertFalse(id.isOk());
    assertEquals("bad-vote-id", id.rejection().code());
  }
}
