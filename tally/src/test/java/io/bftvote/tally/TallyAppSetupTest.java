package io.bftvote.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Elections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration and setup mistakes fail early with a reason, before any thread or port is taken. */
class TallyAppSetupTest {
  @TempDir Path dir;

  @Test
  void configFillsTheDefaultApplicationIdPrefixAndOverrides() {
    TallyConfig config = new TallyConfig(0, "localhost:9092", null, dir, dir.resolve("c"), dir.resolve("e"), null, null);

    assertEquals("bftvote-tally", config.applicationId());
    assertEquals("", config.topicPrefix());
    assertEquals(Map.of(), config.kafkaOverrides());
  }

  @Test
  void configRefusesAPortOutOfRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TallyConfig(70_000, "localhost:9092", "", dir, dir, dir, null, null));
    assertTrue(e.getMessage().contains("0..65535"), e.getMessage());
  }

  @Test
  void configRefusesMissingBootstrapServers() {
    assertThrows(IllegalArgumentException.class, () -> new TallyConfig(0, " ", "", dir, dir, dir, null, null));
  }

  @Test
  void startWithAnUnreadableClusterFileFailsNamingTheFile() throws Exception {
    Path clusterFile = dir.resolve("cluster.json");
    Files.writeString(clusterFile, "{\"replicas\":");
    Path electionsFile = dir.resolve("elections.json");
    Elections.demo().save(electionsFile);
    TallyConfig config = new TallyConfig(0, "localhost:9", "", dir.resolve("state"), clusterFile, electionsFile,
        null, null);

    try (TallyApp app = new TallyApp(config)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, app::start);
      assertTrue(e.getMessage().contains("cluster file " + clusterFile), e.getMessage());
      assertThrows(IllegalStateException.class, app::port);
      app.close(); // and again by try-with-resources: close is idempotent
    }
  }
}
