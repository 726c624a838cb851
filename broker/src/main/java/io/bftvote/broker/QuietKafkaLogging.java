package io.bftvote.broker;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * Turns the embedded broker's own loggers down to WARN under slf4j-simple: at INFO it writes
 * hundreds of lines per start, which drown what the replicas and the gateway have to say. A level
 * already chosen for the same logger, by a system property or in simplelogger.properties, wins.
 */
final class QuietKafkaLogging {
  private static final String PREFIX = "org.slf4j.simpleLogger.log.";
  /**
   * Broker-side logger names: core (Scala) packages, server packages and the state-change log, plus
   * the config and metrics chatter that every Kafka client repeats too.
   */
  private static final List<String> BROKER_LOGGERS = List.of(
      "kafka", "state.change.logger", "org.apache.kafka.server", "org.apache.kafka.controller",
      "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image",
      "org.apache.kafka.storage", "org.apache.kafka.coordinator", "org.apache.kafka.snapshot",
      "org.apache.kafka.security", "org.apache.kafka.network", "org.apache.kafka.queue",
      "org.apache.kafka.common.metrics", "org.apache.kafka.common.config", "org.apache.kafka.common.utils.AppInfoParser");

  private QuietKafkaLogging() {
  }

  static void apply() {
    Properties configured = simpleLoggerProperties();
    for (String logger : BROKER_LOGGERS) {
      String key = PREFIX + logger;
      if (System.getProperty(key) == null && configured.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  private static Properties simpleLoggerProperties() {
    Properties properties = new Properties();
    try (InputStream in = QuietKafkaLogging.class.getClassLoader()
        .getResourceAsStream("simplelogger.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Unreadable logging config: fall back to our defaults, which only lower verbosity.
    }
    return properties;
  }
}
