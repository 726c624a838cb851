package io.bftvote.deploy;

import io.bftvote.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A topic as a deployment creates it: what has to match {@link Topics#newTopics}. */
record TopicSpec(String name, int partitions, int replicationFactor, Map<String, String> configs) {
  /** The replication a three-broker cluster gives every topic, and the in-sync replicas it demands. */
  static final short REPLICATION_FACTOR = 3;
  static final int MIN_INSYNC_REPLICAS = 2;

  TopicSpec {
    configs = new TreeMap<>(configs);
  }

  /** What the code creates on a three-broker cluster, by name. */
  static Map<String, TopicSpec> expected() {
    return Topics.unprefixed().newTopics(REPLICATION_FACTOR, MIN_INSYNC_REPLICAS).stream()
        .map(t -> new TopicSpec(t.name(), t.numPartitions(), t.replicationFactor(), t.configs()))
        .collect(Collectors.toMap(TopicSpec::name, t -> t, (a, b) -> a, TreeMap::new));
  }

  /** The topics of a shell script's {@code kafka-topics.sh --create ...} lines, by name. */
  static Map<String, TopicSpec> fromScript(String script) {
    Map<String, TopicSpec> topics = new TreeMap<>();
    for (String line : script.lines().filter(l -> l.contains("--create")).toList()) {
      TopicSpec topic = fromCreateLine(line);
      if (topics.put(topic.name(), topic) != null) {
        throw new IllegalStateException("the script creates " + topic.name() + " twice");
      }
    }
    return topics;
  }

  static TopicSpec fromCreateLine(String line) {
    List<String> words = List.of(line.trim().split("\\s+"));
    String name = null;
    int partitions = -1;
    int replicationFactor = -1;
    Map<String, String> configs = new TreeMap<>();
    for (int i = 0; i < words.size() - 1; i++) {
      String value = words.get(i + 1);
      switch (words.get(i)) {
        case "--topic" -> name = value;
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--replication-factor" -> replicationFactor = Integer.parseInt(value);
        case "--config" -> {
          String[] pair = value.split("=", 2);
          configs.put(pair[0], pair[1]);
        }
        default -> { }
      }
    }
    if (name == null) {
      throw new IllegalStateException("a --create line without --topic: " + line);
    }
    return new TopicSpec(name, partitions, replicationFactor, configs);
  }

  /** Lines that say how two sets of topics differ, empty when they are the same. */
  static List<String> differences(Map<String, TopicSpec> expected, Map<String, TopicSpec> actual) {
    List<String> differences = new ArrayList<>();
    expected.forEach((name, topic) -> {
      TopicSpec other = actual.get(name);
      if (other == null) {
        differences.add("missing topic " + name);
      } else if (!other.equals(topic)) {
        differences.add("topic " + name + ": expected " + topic + ", found " + other);
      }
    });
    actual.keySet().stream().filter(name -> !expected.containsKey(name))
        .forEach(name -> differences.add("unexpected topic " + name));
    return differences;
  }
}
