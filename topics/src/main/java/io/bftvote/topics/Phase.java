package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of PBFT message on {@code bft.consensus} (Castro and Liskov, OSDI '99, §4). */
public enum Phase {
  PRE_PREPARE("pre-prepare"),
  PREPARE("prepare"),
  COMMIT("commit"),
  CHECKPOINT("checkpoint"),
  VIEW_CHANGE("view-change"),
  NEW_VIEW("new-view");

  private final String wire;

  Phase(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  @JsonCreator
  public static Phase fromWire(String wire) {
    for (Phase p : values()) {
      if (p.wire.equals(wire)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown phase: " + wire);
  }

  @Override
  public String toString() {
    return wire;
  }
}
