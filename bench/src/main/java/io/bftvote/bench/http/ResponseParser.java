package io.bftvote.bench.http;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses (RFC 9112) off a connection as their bytes arrive, in whatever pieces
 * the socket hands over, and keeps only what the load generator needs of each: its status code,
 * and whether the connection may carry another request. The body is skipped, whichever way its
 * length is given: Content-Length, chunked, or the connection's close.
 *
 * <p>One parser per connection; {@link #reset} before each request. Not thread-safe.
 */
public final class ResponseParser {
  /** A status line or header longer than this is not from an HTTP server worth measuring. */
  static final int MAX_LINE = 8 * 1024;

  /** The response does not follow HTTP/1.1; the connection cannot be trusted with another request. */
  public static final class MalformedResponseException extends Exception {
    MalformedResponseException(String message) {
      super(message);
    }
  }

  private enum State { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

  private final StringBuilder line = new StringBuilder();
  private State state;
  private int status;
  private boolean keepAlive;
  private boolean chunked;
  private long contentLength;
  private long bodyLeft;

  public ResponseParser() {
    reset();
  }

  /** Forgets the last response: the next bytes fed are the start of a new one. */
  public void reset() {
    line.setLength(0);
    state = State.STATUS_LINE;
    status = 0;
    keepAlive = true;
    chunked = false;
    contentLength = -1;
    bodyLeft = 0;
  }

  /**
   * Consumes bytes of the response; true once it is complete, with the buffer's position just past
   * its end (anything after it is not consumed). False: more bytes are needed.
   */
  public boolean feed(ByteBuffer in) throws MalformedResponseException {
    while (state != State.DONE) {
      switch (state) {
        case STATUS_LINE, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
          String text = readLine(in);
          if (text == null) {
            return false;
          }
          onLine(text);
        }
        case BODY, CHUNK_DATA -> {
          int skip = (int) Math.min(bodyLeft, in.remaining());
          in.position(in.position() + skip);
          bodyLeft -= skip;
          if (bodyLeft > 0) {
            return false;
          }
          state = state == State.BODY ? State.DONE : State.CHUNK_END;
        }
        case UNTIL_CLOSE -> {
          in.position(in.limit());
          return false;
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return true;
  }

  /**
   * The connection closed. True if that completed the response (one whose body runs to the close);
   * a response cut short is malformed.
   */
  public boolean closed() throws MalformedResponseException {
    if (state == State.UNTIL_CLOSE) {
      state = State.DONE;
      return true;
    }
    if (state == State.STATUS_LINE && line.isEmpty()) {
      return false; // closed between responses: nothing was cut
    }
    throw new MalformedResponseException("connection closed in the middle of a response");
  }

  /** True if some bytes of a response were read and it is not complete. */
  public boolean inProgress() {
    return state != State.DONE && !(state == State.STATUS_LINE && line.isEmpty());
  }

  /** The status code of the response read; valid once {@link #feed} returned true. */
  public int status() {
    return status;
  }

  /** False if the server said it will close the connection after this response (or it must). */
  public boolean keepAlive() {
    return keepAlive;
  }

  private String readLine(ByteBuffer in) throws MalformedResponseException {
    while (in.hasRemaining()) {
      char c = (char) (in.get() & 0xFF);
      if (c == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          end--;
        }
        String text = line.substring(0, end);
        line.setLength(0);
        return text;
      }
      if (line.length() == MAX_LINE) {
        throw new MalformedResponseException("a line of more than " + MAX_LINE + " bytes");
      }
      line.append(c);
    }
    return null;
  }

  private void onLine(String text) throws MalformedResponseException {
    switch (state) {
      case STATUS_LINE -> onStatusLine(text);
      case HEADERS -> {
        if (text.isEmpty()) {
          startBody();
        } else {
          onHeader(text);
        }
      }
      case CHUNK_SIZE -> {
        long size = chunkSize(text);
        bodyLeft = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
      }
      case CHUNK_END -> {
        if (!text.isEmpty()) {
          throw new MalformedResponseException("chunk data longer than its size");
        }
        state = State.CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (text.isEmpty()) {
          state = State.DONE;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void onStatusLine(String text) throws MalformedResponseException {
    // HTTP-version SP 3DIGIT SP [reason]
    if (text.length() < 12 || !text.startsWith("HTTP/1.") || text.charAt(8) != ' '
        || (text.length() > 12 && text.charAt(12) != ' ')) {
      throw new MalformedResponseException("not an HTTP/1.x status line: " + printable(text));
    }
    try {
      status = Integer.parseInt(text.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new MalformedResponseException("no status code in: " + printable(text));
    }
    if (status < 100 || status > 599) {
      throw new MalformedResponseException("status code out of range: " + status);
    }
    keepAlive = text.charAt(7) != '0'; // HTTP/1.0 closes unless it says keep-alive
    state = State.HEADERS;
  }

  private void onHeader(String text) throws MalformedResponseException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new MalformedResponseException("not a header: " + printable(text));
    }
    String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "content-length" -> {
        try {
          contentLength = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new MalformedResponseException("bad content-length: " + printable(value));
        }
        if (contentLength < 0) {
          throw new MalformedResponseException("negative content-length: " + contentLength);
        }
      }
      case "transfer-encoding" -> chunked = value.endsWith("chunked");
      case "connection" -> {
        if (value.contains("close")) {
          keepAlive = false;
        } else if (value.contains("keep-alive")) {
          keepAlive = true;
        }
      }
      default -> {
        // nothing else matters to a client that only counts statuses
      }
    }
  }

  private void startBody() {
    if (status < 200) {
      reset(); // 1xx: an interim response; the final one follows on the same connection
      return;
    }
    if (status == 204 || status == 304) {
      state = State.DONE;
    } else if (chunked) {
      state = State.CHUNK_SIZE; // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3)
    } else if (contentLength >= 0) {
      bodyLeft = contentLength;
      state = contentLength == 0 ? State.DONE : State.BODY;
    } else {
      keepAlive = false;
      state = State.UNTIL_CLOSE;
    }
  }

  private static long chunkSize(String text) throws MalformedResponseException {
    int end = text.indexOf(';'); // chunk extensions are ignored
    String hex = (end < 0 ? text : text.substring(0, end)).trim();
    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new MalformedResponseException("bad chunk size: " + printable(text));
    }
    return Long.parseLong(hex, 16);
  }

  private static String printable(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return shown.replaceAll("[^\\x20-\\x7E…]", "?"); // bytes read as Latin-1: show only printable ASCII
  }
}
