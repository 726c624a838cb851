package io.bftvote.cli.component;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.topics.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Runs a one-node Kafka broker and creates the bft.* topics.",
        "%nApache Kafka in KRaft mode, in this process; its data survives restarts. Ctrl-C stops it."})
public final class BrokerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:BFTVOTE_BROKER_DATA:-devnet-data/broker}",
      description = "The broker's data directory (env BFTVOTE_BROKER_DATA; default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:BFTVOTE_BROKER_PORT:-9092}",
      description = "The client port (env BFTVOTE_BROKER_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "${env:BFTVOTE_TOPIC_PREFIX:-}",
      description = "Prefix of the bft.* topics to create (env BFTVOTE_TOPIC_PREFIX; default: none).")
  String topicPrefix;

  @Override
  public Integer call() {
    EmbeddedKafka kafka = EmbeddedKafka.start(data, port);
    try {
      kafka.createTopics(new Topics(topicPrefix));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    spec.commandLine().getOut().println("Kafka broker ready at " + kafka.bootstrapServers() + " (data in " + kafka.dataDir()
        + "); Ctrl-C stops it");
    return Foreground.runUntilStopped("broker", kafka);
  }
}
