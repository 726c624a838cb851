package io.bftvote.replica.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a restarted replica resumes reading {@code bft.requests}: the lowest offset whose ballot
 * arrived but is not executed yet, or the next unread offset if none is waiting. Re-reading from
 * there loses no request that was never ordered, and skips everything already executed.
 *
 * <p>Used by the replica's event loop only. Bounded: beyond {@code limit} waiting requests the
 * oldest is forgotten (a restart would then not re-read it; its voter can resubmit), because a
 * request a faulty primary never proposes must not pin the resume point and grow this forever.
 */
public final class RequestOffsets {
  private static final Logger log = LoggerFactory.getLogger(RequestOffsets.class);
  private final int limit;
  private final Map<String, Long> offsetById = new HashMap<>();
  private final TreeMap<Long, String> idByOffset = new TreeMap<>();
  private long nextUnread;
  private boolean warnedFull;

  RequestOffsets(long resumeFrom, int limit) {
    this.nextUnread = resumeFrom;
    this.limit = limit;
  }

  /** A verified, not yet executed request was read at {@code offset}. */
  public void received(String requestId, long offset) {
    Long known = offsetById.get(requestId);
    if (known != null && known <= offset) {
      return; // a resubmission: the first copy is the one to resume from
    }
    if (known != null) {
      idByOffset.remove(known);
    }
    offsetById.put(requestId, offset);
    idByOffset.put(offset, requestId);
    nextUnread = Math.max(nextUnread, offset + 1);
    if (idByOffset.size() > limit) {
      forgetOldest();
    }
  }

  /** Every record before {@code nextOffset} has been read (and those worth keeping were received). */
  public void readUpTo(long nextOffset) {
    nextUnread = Math.max(nextUnread, nextOffset);
  }

  /** These requests were executed: a restart need not read them again. */
  public void executed(Collection<String> requestIds) {
    for (String id : requestIds) {
      Long offset = offsetById.remove(id);
      if (offset != null) {
        idByOffset.remove(offset);
      }
    }
  }

  /** The offset to resume reading from. */
  public long resumeOffset() {
    return idByOffset.isEmpty() ? nextUnread : Math.min(idByOffset.firstKey(), nextUnread);
  }

  /** What {@link #resumeOffset()} will be once these requests are executed; changes nothing. */
  public long resumeOffsetOnceExecuted(Collection<String> requestIds) {
    Set<String> executing = new HashSet<>(requestIds);
    for (Map.Entry<Long, String> waiting : idByOffset.entrySet()) {
      if (!executing.contains(waiting.getValue())) {
        return Math.min(waiting.getKey(), nextUnread);
      }
    }
    return nextUnread;
  }

  public int waiting() {
    return idByOffset.size();
  }

  private void forgetOldest() {
    Map.Entry<Long, String> oldest = idByOffset.pollFirstEntry();
    offsetById.remove(oldest.getValue());
    if (!warnedFull) {
      warnedFull = true;
      log.warn("more than {} requests wait unexecuted; forgetting the oldest (offset {}) for the restart "
          + "resume point — is the primary proposing?", limit, oldest.getKey());
    }
  }
}
