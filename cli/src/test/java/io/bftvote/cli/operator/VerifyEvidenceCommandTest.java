package io.bftvote.cli.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.cli.CliRun;
import io.bftvote.cli.Main;
import io.bftvote.topics.Detection;
import io.bftvote.topics.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-evidence FILE}: 0 proven, 1 not proven, 2 when there is nothing to check. */
class VerifyEvidenceCommandTest {
  @TempDir
  Path dir;
  Equivocations replicas;
  Path clusterFile;

  @BeforeEach
  void setUp() {
    replicas = new Equivocations();
    clusterFile = replicas.saveCluster(dir);
  }

  private CliRun verify(Path detectionFile) {
    return CliRun.of("verify-evidence", detectionFile.toString(), "--cluster", clusterFile.toString());
  }

  private Path save(Object json) throws Exception {
    Path file = Files.createTempFile(dir, "detection", ".json");
    Files.write(file, Json.write(json));
    return file;
  }

  @Test
  void twoValidlySignedPreparesForOneSlotProveEquivocation() throws Exception {
    CliRun run = verify(save(replicas.replicaThreeEquivocates()));

    assertEquals(Main.OK, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("detection: replica 3 accused of equivocation at view 0, sequence 12, prepare"
        + " (detected 2026-11-21T12:00:00Z)", lines.get(0));
    assertTrue(lines.get(1).endsWith("from replica 3: signature valid under replica 3's key"), lines.get(1));
    assertTrue(lines.get(2).endsWith("from replica 3: signature valid under replica 3's key"), lines.get(2));
    assertEquals("PROVEN: replica 3 signed two different digests for view 0, sequence 12, prepare — it equivocated",
        lines.get(3));
  }

  @Test
  void aMessageSignedWithAnotherReplicasKeyProvesNothingAndSaysWhich() throws Exception {
    Detection framed = Equivocations.detection(3, replicas.prepare(3, 0, 12, Equivocations.digest("a")),
        replicas.forgedPrepare(3, 1, 0, 12, Equivocations.digest("b")));

    CliRun run = verify(save(framed));

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("message 2: prepare, view 0, sequence 12, digest " + Equivocations.digest("b")
        .substring(0, 8) + "…, from replica 3: signature does NOT verify under replica 3's key"), run.out());
    assertTrue(run.out().contains("NOT PROVEN: a message's signature does not verify under replica 3's key"),
        run.out());
  }

  @Test
  void theSameDigestSignedTwiceIsNoEquivocation() throws Exception {
    Detection redelivery = Equivocations.detection(3, replicas.prepare(3, 0, 12, Equivocations.digest("a")),
        replicas.prepare(3, 0, 12, Equivocations.digest("a")));

    CliRun run = verify(save(redelivery));

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("NOT PROVEN: both messages carry the same digest"), run.out());
  }

  @Test
  void evidenceFromAnotherReplicaDoesNotConvictTheAccused() throws Exception {
    Detection wrongAccused = Equivocations.detection(2, replicas.prepare(3, 0, 12, Equivocations.digest("a")),
        replicas.prepare(3, 0, 12, Equivocations.digest("b")));

    CliRun run = verify(save(wrongAccused));

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("NOT PROVEN: evidence names sender 3, not the accused 2"), run.out());
  }

  @Test
  void messagesForTwoDifferentSlotsAreNoEquivocation() throws Exception {
    Detection twoSlots = Equivocations.detection(3, replicas.prepare(3, 0, 12, Equivocations.digest("a")),
        replicas.prepare(3, 0, 13, Equivocations.digest("b")));

    CliRun run = verify(save(twoSlots));

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("NOT PROVEN: evidence is not for (view 0, sequence 12, prepare)"), run.out());
  }

  @Test
  void aSavedListFromTheApiWithOneDetectionIsAccepted() throws Exception {
    CliRun run = verify(save(List.of(replicas.replicaThreeEquivocates())));

    assertEquals(Main.OK, run.exitCode(), run.err());
  }

  @Test
  void aListOfSeveralDetectionsIsAUsageErrorThatSaysToSaveOne() throws Exception {
    Detection one = replicas.replicaThreeEquivocates();

    CliRun run = verify(save(List.of(one, one)));

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("a list of 2 detections; save the one to check on its own"), run.err());
  }

  @Test
  void somethingThatIsNotJsonIsAUsageError() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "replica 3 lied, trust me");

    CliRun run = verify(file);

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains(file + " is not a detection: not one JSON value"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void aDetectionWithAnUnknownFieldIsRefusedAsNotADetection() throws Exception {
    String json = Json.writeString(replicas.replicaThreeEquivocates()).replaceFirst("\\{", "{\"trustMe\":true,");
    Path file = dir.resolve("extra.json");
    Files.writeString(file, json);

    CliRun run = verify(file);

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("is not a detection: Unrecognized field \"trustMe\""), run.err());
  }

  @Test
  void aSavedErrorAnswerIsRefusedWithWhatItSaid() throws Exception {
    Path file = Files.writeString(dir.resolve("error.json"), "{\"error\":\"the tally service cannot be reached\"}");

    CliRun run = verify(file);

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("is not a detection: no kind, accused, view, sequence, phase, evidence"
        + " (it is an error answer: the tally service cannot be reached)"), run.err());
  }

  @Test
  void aMissingFileIsAUsageErrorThatSaysHowToGetOne() {
    CliRun run = verify(dir.resolve("nope.json"));

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("./bftvote detections --json"), run.err());
  }

  @Test
  void aBrokenClusterFileIsAUsageError() throws Exception {
    Path broken = dir.resolve("broken-cluster.json");
    Files.writeString(broken, "{\"replicas\":[\"x\"]}");

    CliRun run = CliRun.of("verify-evidence", save(replicas.replicaThreeEquivocates()).toString(),
        "--cluster", broken.toString());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("cannot use the cluster file " + broken + ": a cluster needs at least 4 replicas"),
        run.err());
  }

  @Test
  void withoutAnyClusterFileItSaysToPassOne() throws Exception {
    Assumptions.assumeFalse(Files.exists(ClusterFileOption.DEVNET_CLUSTER), "a devnet ran in this directory");
    Assumptions.assumeTrue(System.getenv("BFTVOTE_CLUSTER_FILE") == null, "BFTVOTE_CLUSTER_FILE is set");

    CliRun run = CliRun.of("verify-evidence", save(replicas.replicaThreeEquivocates()).toString());

    assertEquals(Main.USAGE, run.exitCode());
    assertTrue(run.err().contains("pass --cluster FILE"), run.err());
  }

  @Test
  void keysOfAnotherClusterDoNotVerifyTheEvidence() throws Exception {
    Path otherCluster = new Equivocations().saveCluster(Files.createDirectory(dir.resolve("other")));

    CliRun run = CliRun.of("verify-evidence", save(replicas.replicaThreeEquivocates()).toString(),
        "--cluster", otherCluster.toString());

    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.out().contains("signature does NOT verify under replica 3's key"), run.out());
  }
}
