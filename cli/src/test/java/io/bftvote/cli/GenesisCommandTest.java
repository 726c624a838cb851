package io.bftvote.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Cluster;
import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import io.bftvote.topics.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genesis}: the one-shot step that docker compose and Kubernetes run before any replica. */
class GenesisCommandTest {
  @TempDir
  Path dir;

  @Test
  void eachReplicaKeyGoesWhereThePatternSaysAndTheClusterListsTheirPublicKeys() {
    Path out = dir.resolve("genesis");
    String pattern = dir.resolve("replicas/{id}/replica.key").toString();

    CliRun run = CliRun.of("genesis", "--out", out.toString(), "--replicas", "4", "--key-path", pattern);

    assertEquals(Main.OK, run.exitCode(), run.err());
    Cluster cluster = Cluster.load(out.resolve("cluster.json"));
    assertEquals(4, cluster.n());
    for (int i = 0; i < 4; i++) {
      Path key = dir.resolve("replicas/" + i + "/replica.key");
      assertEquals(cluster.publicKey(i), KeyFile.load(key).publicKey(), "replica " + i);
      assertTrue(run.out().contains(key + " (public key " + cluster.publicKey(i) + ")"), run.out());
    }
    assertFalse(Files.exists(out.resolve("keys")), "no private key lands beside the public genesis files");
    assertEquals(Elections.demo().hash(), Elections.load(out.resolve("elections.json")).hash());
  }

  @Test
  void withoutAKeyPathTheKeysUseTheDevnetLayout() {
    CliRun run = CliRun.of("genesis", "--out", dir.toString(), "--replicas", "7");

    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals(7, Cluster.load(dir.resolve("cluster.json")).n());
    assertTrue(Files.isRegularFile(dir.resolve("keys/replica-6.key")));
    assertTrue(run.out().contains("genesis of 7 replicas (f = 2)"), run.out());
  }

  @Test
  void runningItAgainReusesTheGenesisByteForByte() throws Exception {
    CliRun.of("genesis", "--out", dir.toString());
    String cluster = Files.readString(dir.resolve("cluster.json"));
    String key3 = Files.readString(dir.resolve("keys/replica-3.key"));

    CliRun again = CliRun.of("genesis", "--out", dir.toString());

    assertEquals(Main.OK, again.exitCode(), again.err());
    assertEquals(cluster, Files.readString(dir.resolve("cluster.json")));
    assertEquals(key3, Files.readString(dir.resolve("keys/replica-3.key")));
  }

  @Test
  void aKeyPathWithoutTheIdPlaceholderIsRefusedBeforeAnythingIsWritten() {
    CliRun run = CliRun.of("genesis", "--out", dir.resolve("g").toString(),
        "--key-path", dir.resolve("shared.key").toString());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("--key-path must contain {id}"), run.err());
    assertFalse(Files.exists(dir.resolve("g")));
    assertFalse(Files.exists(dir.resolve("shared.key")));
  }

  @Test
  void aReplicaCountThatIsNotThreeFPlusOneLeavesNoKeyBehind() {
    CliRun run = CliRun.of("genesis", "--out", dir.toString(), "--replicas", "5");

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("3f+1"), run.err());
    assertFalse(Files.exists(dir.resolve("keys")));
  }

  @Test
  void givenElectionsAreDefinedOnceAndOtherElectionsAreRefusedLater() throws Exception {
    Path mayor = dir.resolve("mayor.json");
    new Elections(List.of(Election.open("mayor", List.of("ann", "ben")))).save(mayor);
    Path out = dir.resolve("genesis");

    CliRun first = CliRun.of("genesis", "--out", out.toString(), "--elections", mayor.toString());
    assertEquals(Main.OK, first.exitCode(), first.err());
    assertTrue(first.out().contains("mayor: ann, ben (open)"), first.out());
    String defined = Files.readString(out.resolve("elections.json"));

    Path other = dir.resolve("other.json");
    Elections.demo().save(other);
    CliRun second = CliRun.of("genesis", "--out", out.toString(), "--elections", other.toString());

    assertEquals(Main.FAILURE, second.exitCode());
    assertTrue(second.err().contains("elections are fixed at genesis"), second.err());
    assertEquals(defined, Files.readString(out.resolve("elections.json")));
  }
}
