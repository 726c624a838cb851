package io.bftvote.replica.core;

import io.bftvote.topics.ConsensusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The valid view-changes this replica has received, the latest (highest view) per sender: what
 * a new primary builds its NEW-VIEW from, and what tells a replica that f+1 others moved on.
 * At most n entries, however many views a faulty replica asks for.
 */
final class ViewChanges {
  private final Map<Integer, ViewChange> latest = new TreeMap<>();

  /** Keeps the view-change unless its sender already asked for this view or a later one. */
  void offer(ViewChange vc) {
    latest.merge(vc.sender(), vc, (known, offered) -> offered.view() > known.view() ? offered : known);
  }

  /** The view-changes for exactly {@code view}, by ascending sender id. */
  List<ViewChange> forView(long view) {
    List<ViewChange> matching = new ArrayList<>();
    for (ViewChange vc : latest.values()) {
      if (vc.view() == view) {
        matching.add(vc);
      }
    }
    return matching;
  }

  /** How many replicas ask for {@code view} or a later one. */
  int countAtLeast(long view) {
    return (int) latest.values().stream().filter(vc -> vc.view() >= view).count();
  }

  /** How many replicas ask for a view later than {@code view}. */
  int countAbove(long view) {
    return (int) latest.values().stream().filter(vc -> vc.view() > view).count();
  }

  /** The smallest view later than {@code view} that someone asks for (callers check one exists). */
  long smallestAbove(long view) {
    return latest.values().stream().mapToLong(ViewChange::view).filter(v -> v > view).min()
        .orElseThrow(() -> new IllegalStateException("nobody asks for a view after " + view));
  }

  /** True if this signed view-change was already received and checked. */
  boolean holds(ConsensusMessage signed) {
    return known(signed) != null;
  }

  /**
   * The view-change already received and checked that {@code signed} is a copy of, or null. A
   * copy is the same signed statement ({@link ConsensusMessage#sameSigned}): its digest names the
   * payload that was checked, so the payload it carries need not be compared (a copy with another
   * one is not the one its sender signed, and was not worth reading).
   */
  ViewChange known(ConsensusMessage signed) {
    ViewChange known = latest.get(signed.sender());
    return known != null && known.signed().sameSigned(signed) ? known : null;
  }
}
