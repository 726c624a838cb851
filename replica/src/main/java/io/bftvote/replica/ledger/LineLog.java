package io.bftvote.replica.ledger;

import io.bftvote.topics.Json;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of newline-terminated records, the storage under the ledger and the sent
 * log. A record is durable once {@link #sync()} returns.
 *
 * <p>Opening replays every record. A {@code kill -9} can leave the last record half written, so a
 * last record that is unterminated or unreadable is cut off (and logged): it was never synced, so
 * nobody relied on it. A bad record anywhere else is real corruption and stops the open, because
 * silently skipping history would change the state it rebuilds.
 */
final class LineLog implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(LineLog.class);
  /** A record bigger than this is not ours: a block is at most a few megabytes. */
  static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  /**
   * Receives each complete record on open. Throws {@link Json.MalformedException} for bytes it
   * cannot read, anything else to refuse what a readable record says.
   */
  @FunctionalInterface
  interface RecordReader {
    void read(long offset, byte[] record);
  }

  private final Path file;
  private final FileChannel channel;
  private long size;

  private LineLog(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /** Opens (creating if absent) and replays every record through {@code reader}. */
  static LineLog open(Path file, RecordReader reader) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long validEnd = replayTolerantOfTornTail(file, channel, reader);
      if (validEnd < channel.size()) {
        log.warn("{}: cut off {} bytes at offset {}: a last record left half written by a crash before it was synced",
            file, channel.size() - validEnd, validEnd);
        channel.truncate(validEnd);
      }
      // A killed process leaves its unsynced records in the page cache, where this open just read
      // them: force them now, or a power loss after the restart could take back what it re-sends.
      channel.force(true);
      return new LineLog(file, channel, validEnd);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static long replayTolerantOfTornTail(Path file, FileChannel channel, RecordReader reader) throws IOException {
    try {
      return replay(file, channel, reader);
    } catch (TornRecord torn) {
      log.warn("{}: the last record (offset {}) is unreadable: {}", file, torn.offset, torn.getMessage());
      return torn.offset;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing; the open's own error is the one worth reporting
    }
  }

  /** Returns the end of the last good record. */
  private static long replay(Path file, FileChannel channel, RecordReader reader) throws IOException {
    long end = channel.size();
    InputStream in = Channels.newInputStream(channel.position(0));
    byte[] chunk = new byte[1 << 16];
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    long offset = 0; // where the current record starts
    long position = 0; // file offset of chunk[0]
    int read;
    while ((read = in.read(chunk)) > 0) {
      int from = 0;
      for (int i = 0; i < read; i++) {
        if (chunk[i] != '\n') {
          continue;
        }
        record.write(chunk, from, i - from);
        long next = position + i + 1;
        accept(file, reader, offset, record.toByteArray(), next == end);
        record.reset();
        offset = next;
        from = i + 1;
      }
      record.write(chunk, from, read - from);
      if (record.size() > MAX_RECORD_BYTES) {
        throw new IllegalStateException(file + " is corrupt at offset " + offset + ": a record longer than "
            + MAX_RECORD_BYTES + " bytes");
      }
      position += read;
    }
    return offset; // an unterminated tail, if any, was never fully written
  }

  /**
   * Hands one record to the reader. Unreadable bytes in the last record are a torn write; anywhere
   * else they are corruption. A record that reads fine but that the reader refuses for what it
   * says (a broken hash chain, say) is never "torn": that stops the open whatever its position.
   */
  private static void accept(Path file, RecordReader reader, long offset, byte[] record, boolean last) {
    try {
      reader.read(offset, record);
    } catch (Json.MalformedException unreadable) {
      if (last) {
        throw new TornRecord(offset, unreadable.getMessage());
      }
      throw new IllegalStateException(file + " is corrupt at offset " + offset + ": " + unreadable.getMessage()
          + " (only the last record may be torn; restore the file or move it away to rebuild from the network)",
          unreadable);
    } catch (RuntimeException refused) {
      throw new IllegalStateException(file + ", record at offset " + offset + ": " + refused.getMessage(), refused);
    }
  }

  /** The last record was refused: cut it off. */
  private static final class TornRecord extends RuntimeException {
    final long offset;

    TornRecord(long offset, String why) {
      super(why, null, false, false);
      this.offset = offset;
    }
  }

  /** Appends one record (a newline is added); returns its offset. Not durable until {@link #sync()}. */
  long append(byte[] record) {
    ByteBuffer buffer = ByteBuffer.allocate(record.length + 1).put(record).put((byte) '\n').flip();
    long offset = size;
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer, size + buffer.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
    size += record.length + 1;
    return offset;
  }

  /** Forces appended records to the disk; safe from any thread (appends may go on meanwhile). */
  void sync() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code length} bytes at {@code offset}; safe from any thread (positional read). */
  byte[] read(long offset, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          throw new IOException("unexpected end of file at " + (offset + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return buffer.array();
  }

  long size() {
    return size;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing {} failed: {}", file, e.getMessage());
    }
  }
}
