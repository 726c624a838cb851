package io.bftvote.replica.ledger;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of every consensus message this replica signed. A message is appended and
 * synced before it is published, so a replica restarted after a crash re-sends exactly what it
 * signed and can never sign a conflicting message for a (view, sequence) it already spoke on.
 *
 * <p>After a restart what matters is the messages above the executed height, and the latest
 * view-change and new-view this replica signed (they name the view it moved to; their sequence
 * is a checkpoint at or below the executed height, so height alone would drop them). The file is
 * rewritten without the rest whenever it outgrows {@link #ROTATE_BYTES} and is mostly dead, which
 * bounds it. Single-threaded: the replica's event loop owns it.
 */
public final class SentLog implements AutoCloseable {
  public static final String FILE = "sent.jsonl";
  static final long ROTATE_BYTES = 16L * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(SentLog.class);

  /** Where one record lives, so rotation copies bytes without parsing them again. */
  private record Entry(long sequence, Phase phase, long offset, int length) {
    /** View-changes and new-views stay until a later one of their phase replaces them. */
    boolean namesAView() {
      return phase == Phase.VIEW_CHANGE || phase == Phase.NEW_VIEW;
    }
  }

  private final Path path;
  private final long rotateBytes;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final List<ConsensusMessage> restored = new ArrayList<>();
  private LineLog file;
  private long liveBytes;

  private SentLog(Path path, long executedHeight, long rotateBytes) {
    this.path = path;
    this.rotateBytes = rotateBytes;
    this.file = LineLog.open(path, (offset, line) -> {
      ConsensusMessage message = Json.read(line, ConsensusMessage.class);
      Entry entry = new Entry(message.sequence(), message.phase(), offset, line.length);
      if (entry.namesAView()) {
        restored.removeIf(m -> m.phase() == message.phase());
      }
      if (entry.namesAView() || message.sequence() > executedHeight) {
        restored.add(message);
        remember(entry);
      }
    });
  }

  /** Opens the log in {@code dataDir}; {@link #restored()} then holds what was signed above {@code executedHeight}. */
  public static SentLog open(Path dataDir, long executedHeight) {
    return open(dataDir, executedHeight, ROTATE_BYTES);
  }

  static SentLog open(Path dataDir, long executedHeight, long rotateBytes) {
    SentLog sent = new SentLog(dataDir.resolve(FILE), executedHeight, rotateBytes);
    log.info("sent log {}: {} signed messages above height {} to re-send", sent.path, sent.restored.size(),
        executedHeight);
    return sent;
  }

  /**
   * The messages this replica signed above the executed height it was opened at, and its latest
   * view-change and new-view, in signing order.
   */
  public List<ConsensusMessage> restored() {
    return List.copyOf(restored);
  }

  /** Appends a signed message; it is durable (and may be published) once {@link #sync()} returns. */
  public void append(ConsensusMessage signed) {
    byte[] line = Json.write(signed);
    Entry entry = new Entry(signed.sequence(), signed.phase(), file.append(line), line.length);
    if (entry.namesAView()) {
      entries.removeIf(e -> e.phase() == signed.phase()); // superseded: this replica moved on
    }
    remember(entry);
  }

  public void sync() {
    file.sync();
  }

  /**
   * Forgets normal-case messages and checkpoints at or below {@code executedHeight}; rewrites the
   * file once it is big and mostly dead.
   */
  public void prune(long executedHeight) {
    entries.removeIf(e -> !e.namesAView() && e.sequence() <= executedHeight);
    liveBytes = entries.stream().mapToLong(e -> e.length() + 1L).sum();
    if (file.size() > rotateBytes && file.size() > 2 * liveBytes) {
      rotate();
    }
  }

  /** Size of the file on disk, for tests and metrics. */
  public long fileBytes() {
    return file.size();
  }

  @Override
  public void close() {
    file.close();
  }

  private void remember(Entry entry) {
    entries.addLast(entry);
    liveBytes += entry.length() + 1L;
  }

  /** Copies the live records to a new file, syncs it and renames it over the old one. */
  private void rotate() {
    Path next = path.resolveSibling(path.getFileName() + ".next");
    long before = file.size();
    List<Entry> moved = new ArrayList<>(entries.size());
    try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      long offset = 0;
      for (Entry e : entries) {
        ByteBuffer record = ByteBuffer.wrap(file.read(e.offset(), e.length() + 1));
        while (record.hasRemaining()) {
          out.write(record);
        }
        moved.add(new Entry(e.sequence(), e.phase(), offset, e.length()));
        offset += e.length() + 1L;
      }
      out.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the sent log " + path + ": " + e.getMessage(), e);
    }
    file.close();
    try {
      Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(path.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace the sent log " + path + ": " + e.getMessage(), e);
    }
    file = LineLog.open(path, (offset, line) -> { });
    entries.clear();
    entries.addAll(moved);
    log.info("sent log {} rotated: {} -> {} bytes ({} live messages)", path, before, file.size(), entries.size());
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
