package io.bftvote.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.broker.EmbeddedKafka;
import io.bftvote.replica.byzantine.Mode;
import io.bftvote.topics.Ballot;
import io.bftvote.topics.ConsensusMessage;
import io.bftvote.topics.Json;
import io.bftvote.topics.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real replicas on an embedded broker, one of them lying on purpose, and the topic as the tally sees it. */
class ByzantineReplicaTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static EmbeddedKafka kafka;

  @TempDir static Path brokerDir;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(brokerDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  /** Identifies the slot a replica may sign one digest for: (sender, view, sequence, phase). */
  private record Slot(int sender, long view, long sequence, Phase phase) {
    static Slot of(ConsensusMessage m) {
      return new Slot(m.sender(), m.view(), m.sequence(), m.phase());
    }
  }

  @Test
  void anEquivocatingBackupSignsConflictingVotesYetEveryBallotCommitsOnOneHonestLedger() throws Exception {
    try (TestCluster cluster = new TestCluster(kafka.bootstrapServers(), "equivocating-backup.", dir, 4)) {
      kafka.createTopics(cluster.topics);
      for (int id = 0; id < 3; id++) {
        cluster.start(id);
      }
      cluster.startByzantine(3, Mode.EQUIVOCATE);

      List<Ballot> ballots = cluster.postBallots(200);
      Await.until(PATIENCE, () -> cluster.allConfirmed(ballots), () -> "f+1 matching replies for all 200 ballots");
      List<ReplicaApp> honest = cluster.running(0, 1, 2);
      Await.until(PATIENCE, () -> honest.stream().map(r -> r.height() + "/" + r.head()).distinct().count() == 1,
          () -> "the honest replicas at one height and head");

      Map<Slot, Set<String>> digests = signedDigests(cluster, readAll(cluster));
      Set<Slot> equivocated = digests.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
          .collect(Collectors.toSet());
      System.out.printf("height %d, view %d; replica 3 equivocated in %d prepare and %d commit slots%n",
          honest.get(0).height(), honest.get(0).view(), count(equivocated, Phase.PREPARE),
          count(equivocated, Phase.COMMIT));
      assertTrue(count(equivocated, Phase.PREPARE) > 0, "replica 3 signed two prepares for one sequence");
      assertTrue(count(equivocated, Phase.COMMIT) > 0, "replica 3 signed two commits for one sequence");
      assertEquals(Set.of(3), equivocated.stream().map(Slot::sender).collect(Collectors.toSet()),
          "only the liar signed two digests for one slot");
      assertTrue(equivocated.stream().allMatch(s -> digests.get(s).size() == 2), "exactly two digests per slot");
    }
  }

  private static long count(Set<Slot> slots, Phase phase) {
    return slots.stream().filter(s -> s.phase() == phase).count();
  }

  /** Every digest each replica validly signed for each normal-case slot: forgeries prove nothing. */
  private static Map<Slot, Set<String>> signedDigests(TestCluster cluster, List<ConsensusMessage> messages) {
    Set<Phase> normalCase = Set.of(Phase.PRE_PREPARE, Phase.PREPARE, Phase.COMMIT, Phase.CHECKPOINT);
    return messages.stream()
        .filter(m -> normalCase.contains(m.phase()) && m.hasValidSignature(cluster.cluster))
        .collect(Collectors.groupingBy(Slot::of, Collectors.mapping(ConsensusMessage::digest, Collectors.toSet())));
  }

  /** Everything on bft.consensus so far, as the tally app would read it. */
  private static List<ConsensusMessage> readAll(TestCluster cluster) {
    TopicPartition partition = new TopicPartition(cluster.topics.consensus(), 0);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsensusMessage> messages = new ArrayList<>();
      Await.until(PATIENCE, () -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          messages.add(Json.read(record.value(), ConsensusMessage.class));
        }
        return consumer.position(partition) >= end;
      }, () -> "reading " + end + " messages of " + partition);
      return messages;
    }
  }
}
