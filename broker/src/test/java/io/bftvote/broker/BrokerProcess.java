package io.bftvote.broker;

import io.bftvote.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs in a child JVM for the kill -9 test: starts a broker on the given directory, writes records
 * that the broker acknowledged, announces READY and then waits to be killed.
 */
public final class BrokerProcess {
  static final String READY = "READY";

  private BrokerProcess() {
  }

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
    kafka.createTopics(Topics.unprefixed());
    List<String> values = IntStream.range(0, count).mapToObj(i -> "before-kill-" + i).toList();
    Records.produce(kafka.bootstrapServers(), Topics.REQUESTS, values);
    System.out.println(READY);
    System.out.flush();
    // Never returns by itself: the parent kills this JVM without warning (or closes stdin).
    while (System.in.read() != -1) {
      continue;
    }
    kafka.close();
  }
}
