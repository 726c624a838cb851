package io.bftvote.replica.ledger;

import java.util.Arrays;

/**
 * Where each block's line starts in {@code blocks.jsonl}, so a block is read from disk on demand
 * instead of keeping every block in memory (8 bytes per block). Appended by the ledger's single
 * writer, read by HTTP threads: hence synchronized.
 */
final class BlockIndex {
  private long[] starts = new long[1024];
  private int count;
  private long end;

  /** Records the line of the next height: it spans [start, end), newline included. */
  synchronized void add(long start, long endExclusive) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    starts[count++] = start;
    end = endExclusive;
  }

  /** The offset and length (newline excluded) of the line of {@code height} ≥ 1, or null. */
  synchronized long[] locate(long height) {
    if (height < 1 || height > count) {
      return null;
    }
    int i = (int) (height - 1);
    long start = starts[i];
    long next = i + 1 < count ? starts[i + 1] : end;
    return new long[] {start, next - start - 1};
  }
}
