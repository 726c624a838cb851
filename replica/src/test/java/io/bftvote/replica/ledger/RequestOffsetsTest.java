package io.bftvote.replica.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestOffsetsTest {
  @Test
  void theResumePointIsTheOldestRequestStillWaiting() {
    RequestOffsets offsets = new RequestOffsets(0, 100);
    offsets.received("a", 3);
    offsets.received("b", 4);
    offsets.readUpTo(9);

    assertEquals(3, offsets.resumeOffset());
    assertEquals(4, offsets.resumeOffsetOnceExecuted(List.of("a")), "asking changes nothing");
    assertEquals(3, offsets.resumeOffset());
    offsets.executed(List.of("a", "b"));
    assertEquals(9, offsets.resumeOffset(), "nothing waits: resume after what was read");
  }

  @Test
  void aResubmittedRequestIsResumedFromItsFirstCopy() {
    RequestOffsets offsets = new RequestOffsets(0, 100);
    offsets.received("a", 3);
    offsets.received("a", 7);

    assertEquals(3, offsets.resumeOffset());
    assertEquals(1, offsets.waiting());
  }

  @Test
  void beyondTheLimitTheOldestWaitingRequestIsForgotten() {
    RequestOffsets offsets = new RequestOffsets(0, 2);
    offsets.received("a", 1);
    offsets.received("b", 2);
    offsets.received("c", 3);

    assertEquals(2, offsets.waiting());
    assertEquals(2, offsets.resumeOffset(), "a no longer pins the resume point");
  }

  @Test
  void aRestartResumesWhereThePersistedPointSaid() {
    RequestOffsets offsets = new RequestOffsets(42, 100);

    assertEquals(42, offsets.resumeOffset());
    offsets.readUpTo(40);
    assertEquals(42, offsets.resumeOffset(), "never moves back");
  }
}
