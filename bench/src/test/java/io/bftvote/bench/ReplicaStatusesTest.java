package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaStatusesTest {
  private static ReplicaStatuses.Status status(long view, int primary, long height) {
    return new ReplicaStatuses.Status(view, primary, height);
  }

  @Test
  void aReplicaStatusGivesItsViewPrimaryAndHeight() {
    String json = "{\"id\":2,\"view\":3,\"primary\":3,\"height\":1207,\"stableCheckpoint\":1200,\"head\":\"ab\","
        + "\"misbehaving\":[]}";
    assertEquals(status(3, 3, 1207), ReplicaStatuses.Status.parse(json));
  }

  @Test
  void aStatusWithoutAWholeNumberHeightIsRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReplicaStatuses.Status.parse("{\"view\":0,\"primary\":0,\"height\":\"12\"}"));
    assertTrue(e.getMessage().contains("'height'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReplicaStatuses.Status.parse("<html>"));
  }

  @Test
  void thePrimaryToKillIsTheOneMostReplicasFollow() {
    Map<Integer, ReplicaStatuses.Status> statuses = Map.of(0, status(1, 1, 90), 1, status(1, 1, 91),
        2, status(0, 0, 80), 3, status(1, 1, 91));
    assertEquals(Optional.of(status(1, 1, 0)), ReplicaStatuses.followed(statuses));
  }

  @Test
  void aLoneBackupAskingForTheNextViewDoesNotChangeTheViewThePrimaryLeads() {
    Map<Integer, ReplicaStatuses.Status> statuses = Map.of(0, status(0, 0, 90), 1, status(0, 0, 91),
        2, status(1, 1, 90), 3, status(0, 0, 91));
    assertEquals(Optional.of(status(0, 0, 0)), ReplicaStatuses.followed(statuses), "replica 0 leads view 0");
  }

  @Test
  void onATieTheHigherViewsPrimaryIsTheOne() {
    Map<Integer, ReplicaStatuses.Status> statuses = Map.of(0, status(0, 0, 9), 2, status(1, 1, 9));
    assertEquals(Optional.of(status(1, 1, 0)), ReplicaStatuses.followed(statuses));
    assertEquals(Optional.empty(), ReplicaStatuses.followed(Map.of()));
  }

  @Test
  void caughtUpMeansReachingTheLowestHeightOfTheOthersThatAnswer() {
    Map<Integer, ReplicaStatuses.Status> statuses = Map.of(0, status(1, 1, 120), 1, status(1, 1, 118),
        2, status(1, 1, 40));
    assertEquals(Optional.of(118L), ReplicaStatuses.lowestHeight(statuses, List.of(0, 1, 3)),
        "replica 2 is the one catching up; 3 did not answer");
    assertEquals(Optional.empty(), ReplicaStatuses.lowestHeight(statuses, List.of(3)));
  }
}
