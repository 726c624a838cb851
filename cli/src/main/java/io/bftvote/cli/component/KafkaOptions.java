package io.bftvote.cli.component;

import io.bftvote.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where the broker is and how to talk to it: shared by replica, gateway and tally. */
public final class KafkaOptions {
  @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = "HOST:PORT,...",
      defaultValue = "${env:BFTVOTE_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka brokers (env BFTVOTE_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "${env:BFTVOTE_TOPIC_PREFIX:-}",
      description = "Prefix of the bft.* topic names (env BFTVOTE_TOPIC_PREFIX; default: none).")
  String topicPrefix;

  @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:BFTVOTE_KAFKA_CONFIG}",
      description = "Kafka client properties (TLS, SASL, timeouts...) applied over ours (env BFTVOTE_KAFKA_CONFIG).")
  Path kafkaConfig;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topicPrefix() {
    return topicPrefix == null ? "" : topicPrefix;
  }

  /** The properties of {@code --kafka-config}, or none. */
  public Map<String, String> overrides() {
    return kafkaConfig == null ? Map.of() : load(kafkaConfig);
  }

  static Map<String, String> load(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw CliException.failure("cannot read the Kafka config file " + file + ": " + e.getMessage());
    }
    Map<String, String> overrides = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> overrides.put(name, properties.getProperty(name)));
    return overrides;
  }
}
