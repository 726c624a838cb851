package io.bftvote.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection, carrying one request at a time (no pipelining: a voter's client
 * waits for its answer, and the gateway's rate limit and back-pressure see the load as they
 * would). Only the poster's loop thread touches it.
 */
final class Connection {
  private static final int READ_BUFFER_BYTES = 8 * 1024;

  /** The poster's index of the source that opened it. */
  final int source;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final ResponseParser parser = new ResponseParser();
  private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
  private boolean connected;
  private boolean open = true;
  /** The request on this connection; null while it is idle. */
  private Exchange current;

  private Connection(int source, SocketChannel channel, Selector selector) throws IOException {
    this.source = source;
    this.channel = channel;
    this.key = channel.register(selector, 0, this);
  }

  /** Starts connecting from {@code local} (null: any address) to {@code remote}, for a source. */
  static Connection open(int source, Selector selector, InetSocketAddress local, InetSocketAddress remote)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (local != null) {
        channel.bind(local);
      }
      Connection connection = new Connection(source, channel, selector);
      if (channel.connect(remote)) {
        connection.connected = true;
        connection.key.interestOps(SelectionKey.OP_READ);
      } else {
        connection.key.interestOps(SelectionKey.OP_CONNECT);
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Connected, open and without a request: it can take one. */
  boolean idle() {
    return open && connected && current == null;
  }

  boolean connecting() {
    return open && !connected;
  }

  boolean isOpen() {
    return open;
  }

  /** The request on this connection, or null. */
  Exchange current() {
    return current;
  }

  /** Completes the connect the selector reported ready; throws if it failed. */
  void finishConnect() throws IOException {
    if (channel.finishConnect()) {
      connected = true;
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  /** Puts a request on this idle connection and writes as much of it as the socket takes. */
  void start(Exchange exchange) throws IOException {
    current = exchange;
    parser.reset();
    write();
  }

  /** Writes more of the current request; asks for OP_WRITE while some is left. */
  void write() throws IOException {
    ByteBuffer request = current.request;
    channel.write(request);
    key.interestOps(request.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
  }

  /**
   * Reads what arrived; once the response is complete, answers the request with its status and
   * becomes idle again (or closes, if the server will not keep the connection).
   *
   * @throws IOException the connection failed or closed; the caller fails the current request
   */
  void read() throws IOException, ResponseParser.MalformedResponseException {
    int n = channel.read(in);
    if (n < 0) {
      if (current != null && parser.closed()) {
        finish(false);
        return;
      }
      throw new IOException(current == null ? "closed while idle" : "closed before the response");
    }
    in.flip();
    try {
      if (current == null) {
        if (in.hasRemaining()) {
          throw new ResponseParser.MalformedResponseException("bytes from the server with no request on the way");
        }
      } else if (parser.feed(in)) {
        finish(!in.hasRemaining());
      }
    } finally {
      in.compact();
    }
  }

  private void finish(boolean nothingAfter) {
    Exchange done = current;
    current = null;
    // A server that answers before it has the whole request, or says more than it was asked,
    // cannot be given another one on this connection.
    if (!parser.keepAlive() || done.request.hasRemaining() || !nothingAfter) {
      close();
    }
    done.answer(parser.status());
  }

  void close() {
    open = false;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all that was wanted
    }
  }
}
