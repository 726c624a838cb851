package io.bftvote.replica.ledger;

import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
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
 * bounds it. The replica's event loop owns it; only {@link #sync()} may come from another thread
 * (the durability thread), and it takes the same lock as a rotation, so it never forces a closed
 * file, and a record appended to the old file before a rotation is in the new one, which the
 * rotation itself forces.
 *
 * <p>It also holds the pre-prepares of other primaries that this replica accepted (the core's
 * {@code LogAccepted}), batch included, appended before the prepare they led to and synced with
 * it: a view-change names a prepared batch by digest only, so the batch itself must survive a
 * restart of every replica that holds it. Those records are marked as such in the file, come
 * back through {@link #restoredAccepted()} (never to be sent again), are pruned at the executed
 * height like every normal-case message, and at most {@value #ACCEPTED_PER_SEQUENCE} per
 * sequence stay live, as many as the core's batch store keeps.
 */
public final class SentLog implements AutoCloseable, Syncable {
  public static final String FILE = "sent.jsonl";
  static final long ROTATE_BYTES = 16L * 1024 * 1024;
  /** Accepted pre-prepares kept per sequence, the latest ones: the core keeps no more batches than that. */
  static final int ACCEPTED_PER_SEQUENCE = 3;
  /** How an accepted pre-prepare's record starts; one this replica signed is a bare message. */
  private static final String ACCEPTED_PREFIX = "{\"accepted\":";
  private static final Logger log = LoggerFactory.getLogger(SentLog.class);

  /** The record of an accepted pre-prepare: a wrapper, so it cannot be mistaken for one this replica signed. */
  record Accepted(ConsensusMessage accepted) {}

  /** Where one record lives, so rotation copies bytes without parsing them again. */
  private record Entry(long sequence, Phase phase, boolean accepted, long offset, int length) {
    /** View-changes and new-views stay until a later one of their phase replaces them. */
    boolean namesAView() {
      return phase == Phase.VIEW_CHANGE || phase == Phase.NEW_VIEW;
    }
  }

  private final Path path;
  private final long rotateBytes;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final List<ConsensusMessage> restored = new ArrayList<>();
  private final List<ConsensusMessage> restoredAccepted = new ArrayList<>();
  /** Guards {@link #file} against a rotation while the durability thread syncs it. */
  private final Object rotation = new Object();
  /** Replaced only by a rotation, on the event loop, under {@link #rotation}. */
  private LineLog file;
  private long liveBytes;

  private SentLog(Path path, long executedHeight, long rotateBytes) {
    this.path = path;
    this.rotateBytes = rotateBytes;
    this.file = LineLog.open(path, (offset, line) -> {
      if (isAccepted(line)) {
        ConsensusMessage accepted = Json.read(line, Accepted.class).accepted();
        if (accepted == null) {
          throw new Json.MalformedException("an accepted pre-prepare's record without the pre-prepare");
        }
        if (accepted.sequence() <= executedHeight) {
          return; // executed since: its block is on the ledger
        }
        restoredAccepted.add(accepted);
        if (rememberAccepted(new Entry(accepted.sequence(), accepted.phase(), true, offset, line.length))) {
          forgetOldestRestored(accepted.sequence());
        }
        return;
      }
      ConsensusMessage message = Json.read(line, ConsensusMessage.class);
      Entry entry = new Entry(message.sequence(), message.phase(), false, offset, line.length);
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
    log.info("sent log {}: {} signed messages above height {} to re-send, {} accepted pre-prepares to keep the "
        + "batches of", sent.path, sent.restored.size(), executedHeight, sent.restoredAccepted.size());
    return sent;
  }

  /**
   * The messages this replica signed above the executed height it was opened at, and its latest
   * view-change and new-view, in signing order.
   */
  public List<ConsensusMessage> restored() {
    return List.copyOf(restored);
  }

  /**
   * The pre-prepares of other primaries this replica accepted above the executed height it was
   * opened at (the latest {@value #ACCEPTED_PER_SEQUENCE} per sequence), in the order accepted.
   */
  public List<ConsensusMessage> restoredAccepted() {
    return List.copyOf(restoredAccepted);
  }

  /** Appends a signed message; it is durable (and may be published) once {@link #sync()} returns. */
  public void append(ConsensusMessage signed) {
    byte[] line = Json.write(signed);
    Entry entry = new Entry(signed.sequence(), signed.phase(), false, file.append(line), line.length);
    if (entry.namesAView()) {
      entries.removeIf(e -> e.phase() == signed.phase()); // superseded: this replica moved on
    }
    remember(entry);
  }

  /**
   * Appends another primary's pre-prepare that this replica accepted, with its batch; durable
   * once {@link #sync()} returns. Append it before the prepare it led to: the file keeps the
   * order, so a crash that keeps the prepare keeps this too.
   */
  public void appendAccepted(ConsensusMessage prePrepare) {
    if (prePrepare == null || prePrepare.phase() != Phase.PRE_PREPARE || prePrepare.batch() == null) {
      throw new IllegalArgumentException("only a pre-prepare with its batch is logged as accepted, got " + prePrepare);
    }
    byte[] line = Json.write(new Accepted(prePrepare));
    rememberAccepted(new Entry(prePrepare.sequence(), prePrepare.phase(), true, file.append(line), line.length));
  }

  /** Forces every record appended so far; safe from the durability thread while the event loop appends. */
  @Override
  public void sync() {
    synchronized (rotation) {
      file.sync();
    }
  }

  @Override
  public String name() {
    return FILE;
  }

  /**
   * Forgets normal-case messages and checkpoints at or below {@code executedHeight}; rewrites the
   * file once it is big and mostly dead. Pass a height the ledger holds durably: a rotation drops
   * what is forgotten, and only a durable block makes its sequence's messages unnecessary.
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
    synchronized (rotation) {
      file.close();
    }
  }

  private void remember(Entry entry) {
    entries.addLast(entry);
    liveBytes += entry.length() + 1L;
  }

  /**
   * Remembers an accepted pre-prepare; beyond the bound, forgets the oldest of its sequence (the
   * next rotation drops it from the file) and returns true.
   */
  private boolean rememberAccepted(Entry entry) {
    remember(entry);
    if (entries.stream().filter(e -> e.accepted() && e.sequence() == entry.sequence()).count()
        <= ACCEPTED_PER_SEQUENCE) {
      return false;
    }
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.accepted() && e.sequence() == entry.sequence()) {
        it.remove();
        liveBytes -= e.length() + 1L;
        break;
      }
    }
    return true;
  }

  /** While opening: the oldest restored pre-prepare of {@code sequence} was superseded. */
  private void forgetOldestRestored(long sequence) {
    for (int i = 0; i < restoredAccepted.size(); i++) {
      if (restoredAccepted.get(i).sequence() == sequence) {
        restoredAccepted.remove(i);
        return;
      }
    }
  }

  /** True for the record of an accepted pre-prepare: written by {@link #appendAccepted}, it starts so. */
  private static boolean isAccepted(byte[] line) {
    byte[] prefix = ACCEPTED_PREFIX.getBytes(StandardCharsets.UTF_8);
    return line.length > prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * Copies the live records to a new file, syncs it and renames it over the old one. Under the
   * lock: a sync on the durability thread waits for it (and then forces the new file, which holds
   * every live record, synced or not).
   */
  private void rotate() {
    synchronized (rotation) {
      rewrite();
    }
  }

  private void rewrite() {
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
        moved.add(new Entry(e.sequence(), e.phase(), e.accepted(), offset, e.length()));
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
