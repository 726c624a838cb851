package io.bftvote.replica.ledger;

/**
 * A file that the replica appends to on its event loop and makes durable elsewhere: the event loop
 * writes records into the page cache (cheap) and a durability thread forces them to the disk
 * (slow, at times hundreds of milliseconds behind the broker's own writes). Whatever was appended
 * before {@link #sync()} was called is durable once it returns.
 */
public interface Syncable {
  /** The file's name, for logs and metrics. */
  String name();

  /** Forces every record appended so far to the disk; safe to call from a thread other than the appender's. */
  void sync();
}
