package io.bftvote.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses as a socket hands them over: whole, a byte at a time, back to back, or cut off. */
class ResponseParserTest {
  private final ResponseParser parser = new ResponseParser();

  @Test
  void theGatewaysAnswerToAVoteIsReadWithItsStatusAndTheConnectionStaysOpen() throws Exception {
    ByteBuffer in = bytes("HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: 33\r\n\r\n"
        + "{\"id\":\"r-1\",\"status\":\"pending\"}\r\n");

    assertTrue(parser.feed(in));
    assertEquals(202, parser.status());
    assertTrue(parser.keepAlive());
    assertFalse(in.hasRemaining());
  }

  @Test
  void aResponseArrivingOneByteAtATimeCompletesOnItsLastByteOnly() throws Exception {
    byte[] whole = "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 5\r\n\r\nslow!".getBytes(StandardCharsets.US_ASCII);

    for (int i = 0; i < whole.length - 1; i++) {
      assertFalse(parser.feed(ByteBuffer.wrap(whole, i, 1)), "complete after " + (i + 1) + " bytes");
      assertTrue(parser.inProgress());
    }
    assertTrue(parser.feed(ByteBuffer.wrap(whole, whole.length - 1, 1)));
    assertEquals(429, parser.status());
  }

  @Test
  void aChunkedBodyIsSkippedWithItsExtensionsAndTrailers() throws Exception {
    ByteBuffer in = bytes("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nContent-Length: 999\r\n\r\n"
        + "5;note=x\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: yes\r\n\r\nHTTP/1.1");

    assertTrue(parser.feed(in));
    assertEquals(400, parser.status());
    assertEquals("HTTP/1.1", remaining(in), "the next response's bytes are left for it");
  }

  @Test
  void twoResponsesBackToBackAreReadOneAfterTheOther() throws Exception {
    ByteBuffer in = bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 503 Unavailable\r\n"
        + "Content-Length: 0\r\n\r\n");

    assertTrue(parser.feed(in));
    assertEquals(202, parser.status());
    parser.reset();
    assertTrue(parser.feed(in));
    assertEquals(503, parser.status());
  }

  @Test
  void aServerThatWillCloseSaysSoAndTheConnectionIsNotKept() throws Exception {
    assertTrue(parser.feed(bytes("HTTP/1.1 202 Accepted\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")));
    assertFalse(parser.keepAlive());

    parser.reset();
    assertTrue(parser.feed(bytes("HTTP/1.0 202 Accepted\r\nContent-Length: 0\r\n\r\n")));
    assertFalse(parser.keepAlive(), "HTTP/1.0 closes unless it says keep-alive");

    parser.reset();
    assertTrue(parser.feed(bytes("HTTP/1.0 202 Accepted\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")));
    assertTrue(parser.keepAlive());
  }

  @Test
  void aBodyWithoutALengthRunsToTheClose() throws Exception {
    assertFalse(parser.feed(bytes("HTTP/1.1 202 Accepted\r\n\r\nall of this is body")));

    assertTrue(parser.closed());
    assertEquals(202, parser.status());
    assertFalse(parser.keepAlive());
  }

  @Test
  void interimResponsesAreSkippedAndBodilessStatusesEndAtTheirHeaders() throws Exception {
    ByteBuffer in = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");

    assertTrue(parser.feed(in));
    assertEquals(204, parser.status());
    assertFalse(in.hasRemaining());
  }

  @Test
  void aConnectionClosedMidResponseIsAnErrorButBetweenResponsesItIsNot() throws Exception {
    assertFalse(parser.closed(), "nothing read yet: nothing was cut");

    parser.feed(bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 10\r\n\r\nshort"));
    assertThrows(ResponseParser.MalformedResponseException.class, parser::closed);
  }

  @Test
  void whatIsNotHttpIsRefusedWithTheReason() {
    assertRefused("SSH-2.0-OpenSSH_9.2\r\n", "not an HTTP/1.x status line");
    assertRefused("HTTP/1.1 2x2 Odd\r\n", "no status code");
    assertRefused("HTTP/1.1 999 Odd\r\n", "out of range");
    assertRefused("HTTP/1.1 202 Accepted\r\nno colon here\r\n", "not a header");
    assertRefused("HTTP/1.1 202 Accepted\r\nContent-Length: lots\r\n", "bad content-length");
    assertRefused("HTTP/1.1 202 Accepted\r\nContent-Length: -4\r\n", "negative content-length");
    assertRefused("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n", "bad chunk size");
    assertRefused("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "longer than its size");
    assertRefused("HTTP/1.1 202 " + "x".repeat(ResponseParser.MAX_LINE) + "\r\n", "a line of more than");
  }

  private void assertRefused(String response, String why) {
    parser.reset();
    ResponseParser.MalformedResponseException e = assertThrows(ResponseParser.MalformedResponseException.class,
        () -> parser.feed(bytes(response)));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String remaining(ByteBuffer in) {
    byte[] rest = new byte[in.remaining()];
    in.get(rest);
    return new String(rest, StandardCharsets.US_ASCII);
  }
}
