package io.bftvote.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.KRaftVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a broker's data directory once, the way {@code kafka-storage.sh format} would, and never
 * again: a directory that already holds {@code meta.properties} keeps its cluster id, its metadata
 * log and its topics, whether the last run stopped cleanly or was killed.
 */
final class BrokerStorage {
  private static final Logger log = LoggerFactory.getLogger(BrokerStorage.class);
  static final String META_PROPERTIES = "meta.properties";

  private BrokerStorage() {
  }

  /** Returns true if it formatted the directory, false if the directory was formatted already. */
  static boolean formatIfNew(Path dataDir, int nodeId, String controllerListener) {
    if (Files.exists(dataDir.resolve(META_PROPERTIES))) {
      return false;
    }
    try {
      Files.createDirectories(dataDir);
      refuseForeignContent(dataDir);
      ByteArrayOutputStream report = new ByteArrayOutputStream();
      Formatter formatter = new Formatter()
          .setPrintStream(new PrintStream(report, true, StandardCharsets.UTF_8))
          .setNodeId(nodeId)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dataDir.toString()))
          .setMetadataLogDirectory(dataDir.toString())
          .setControllerListenerName(controllerListener)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setUnstableFeatureVersionsEnabled(false);
      enableEveryProductionFeature(formatter);
      formatter.run();
      log.info("Formatted new Kafka storage in {} (cluster id {}, metadata.version {})", dataDir,
          formatter.clusterId(), MetadataVersion.latestProduction());
      log.debug("Kafka's formatter said: {}", report.toString(StandardCharsets.UTF_8).trim());
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The formatter would otherwise pick each feature's default for the release, which can lag its
   * latest production level (group, transaction and streams protocols among them). kraft.version is
   * left to the formatter: it follows from the static controller quorum we configure.
   */
  private static void enableEveryProductionFeature(Formatter formatter) {
    for (Feature feature : Feature.PRODUCTION_FEATURES) {
      if (!feature.featureName().equals(KRaftVersion.FEATURE_NAME)) {
        formatter.setFeatureLevel(feature.featureName(), feature.latestProduction());
      }
    }
  }

  /**
   * A directory with files but no meta.properties is not ours (or is damaged); formatting over it
   * could mix a new cluster with someone's data, so we stop and say so.
   */
  private static void refuseForeignContent(Path dataDir) throws IOException {
    try (var entries = Files.list(dataDir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalStateException(dataDir + " is not empty but has no " + META_PROPERTIES
            + ", so it is not a Kafka data directory written by bftvote; choose an empty or new"
            + " directory");
      }
    }
  }
}
