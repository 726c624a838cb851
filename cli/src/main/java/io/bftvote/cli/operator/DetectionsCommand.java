package io.bftvote.cli.operator;

import io.bftvote.cli.CliException;
import io.bftvote.cli.Main;
import io.bftvote.cli.component.KafkaOptions;
import io.bftvote.topics.Cluster;
import io.bftvote.topics.Topics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "detections", mixinStandardHelpOptions = true,
    description = {"Lists replicas caught equivocating, with their evidence checked.",
        "%nReads bft.detections from the beginning without a consumer group, so it moves no one's offsets,"
            + " and re-verifies each detection's two signed messages against the replicas' keys.",
        "%nExit status: 0 listed (even none), 1 Kafka unreachable or the topic missing, 2 usage error."})
public final class DetectionsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--follow", description = "Keep printing new detections as they arrive, until Ctrl-C.")
  boolean follow;

  @Option(names = "--json", description = "One detection per line as JSON, exactly as on the topic (verify-evidence reads it).")
  boolean json;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ClusterFileOption clusterFile;

  @Override
  public Integer call() {
    Optional<Cluster> cluster = clusterFile.find();
    String topic = new Topics(kafka.topicPrefix()).detections();
    BrokerAddress.requireReachable(kafka.bootstrapServers());
    PrintWriter err = spec.commandLine().getErr();
    DetectionPrinter printer = new DetectionPrinter(cluster, json, spec.commandLine().getOut(), err);
    if (cluster.isEmpty()) {
      err.println("bftvote detections: no cluster file, so the evidence is not checked — pass --cluster FILE");
    }
    DetectionTail tail = new DetectionTail(kafka.bootstrapServers(), topic, kafka.overrides());
    try (StopOnCtrlC stopper = StopOnCtrlC.install(tail::stop, "detections"); tail) {
      tail.run(follow, printer);
    } catch (DetectionTail.MissingTopicException e) {
      throw CliException.failure("no topic " + topic + " at " + kafka.bootstrapServers()
          + " — has './bftvote devnet' started there? (a deployment with a prefix needs --topic-prefix)");
    } catch (TimeoutException e) {
      throw CliException.failure("Kafka at " + kafka.bootstrapServers() + " accepted a connection but did not answer: "
          + e.getMessage());
    }
    err.println(printer.summary(topic));
    return Main.OK;
  }
}
