package io.bftvote.cli.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bftvote.topics.Json;
import org.junit.jupiter.api.Test;

class ClusterTableTest {
  @Test
  void eachReplicaShowsItsRoleAndHowFarBehindTheHighestItIs() throws Exception {
    String head = "ab".repeat(32);
    String cluster = """
        {"replicas":[
          {"id":0,"view":1,"primary":1,"height":12,"stableCheckpoint":0,"head":"%1$s","reachable":true},
          {"id":1,"view":1,"primary":1,"height":12,"stableCheckpoint":0,"head":"%1$s","reachable":true},
          {"id":2,"view":1,"primary":1,"height":9,"stableCheckpoint":0,"head":"%1$s","reachable":true},
          {"id":3,"reachable":false}]}""".formatted(head);

    assertEquals("""
        replica  role     view  height  head           lag  reachable
        0        backup   1     12      abababababab…  0    yes
        1        primary  1     12      abababababab…  0    yes
        2        backup   1     9       abababababab…  3    yes
        3        -        -     -       -              -    NO
        3 of 4 replicas reachable
        """, ClusterTable.of(Json.MAPPER.readTree(cluster)));
  }

  @Test
  void aClusterWithNobodyReachableStillPrintsItsRows() throws Exception {
    assertEquals("""
        replica  role  view  height  head  lag  reachable
        0        -     -     -       -     -    NO
        0 of 1 replicas reachable
        """, ClusterTable.of(Json.MAPPER.readTree("{\"replicas\":[{\"id\":0,\"reachable\":false}]}")));
  }
}
