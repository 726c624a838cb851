package io.bftvote.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bftvote.topics.Ballot;
import io.bftvote.topics.Block;
import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.Ed25519;
import io.bftvote.topics.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class BlockFeedTest {
  private final TestCluster replicas = new TestCluster();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<BlockSummary> delivered = new ArrayList<>();
  private boolean watched = true;
  private final BlockFeed feed = new BlockFeed(replicas.cluster, new GatewayMetrics(registry, new BrokerContact()),
      () -> watched, delivered::add);
  private final List<Ballot> twoBallots = List.of(
      Ballot.sign(Ed25519.KeyPair.generate(), "demo", "alice", "n-1"),
      Ballot.sign(Ed25519.KeyPair.generate(), "demo", "bob", "n-1"));
  private long offset;

  @Test
  void aCertifiedBlockIsSummarisedAsHeightHashAndBallotCount() {
    CertifiedBlock block = replicas.certifiedBlock(4, twoBallots);
    feed.accept(record(block));
    assertEquals(List.of(new BlockSummary(4, block.block().hash(), 2)), delivered);
  }

  @Test
  void eachReplicasCopyOfAHeightIsPassedOnOnce() {
    CertifiedBlock block = replicas.certifiedBlock(4, twoBallots);
    for (int replica = 0; replica < 4; replica++) {
      feed.accept(record(block));
    }
    assertEquals(1, delivered.size());
  }

  @Test
  void aCopyOfAHeightAlreadyShownIsSkippedUnread() {
    feed.accept(record(replicas.certifiedBlock(4, twoBallots)));
    feed.accept(new ConsumerRecord<>("bft.blocks", 0, offset++, "4", "not even json".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, delivered.size());
    assertTrue(registry.find("gateway.blocks.invalid").counters().isEmpty(), "the copy was not parsed");
  }

  @Test
  void aBlockWithTooFewCommitsIsNotShownAndIsCounted() {
    CertifiedBlock full = replicas.certifiedBlock(4, twoBallots);
    feed.accept(record(new CertifiedBlock(full.block(), full.certificate().subList(0, 2))));
    assertTrue(delivered.isEmpty());
    assertEquals(1.0, registry.get("gateway.blocks.invalid").tag("reason", "uncertified").counter().count());
  }

  @Test
  void ballotsSwappedUnderAValidCertificateAreCaughtByTheDigest() {
    CertifiedBlock real = replicas.certifiedBlock(4, twoBallots);
    Block swapped = Block.create(4, real.block().previous(), real.block().digest(), twoBallots.subList(0, 1),
        List.of("accepted"));
    feed.accept(record(new CertifiedBlock(swapped, real.certificate())));
    assertTrue(delivered.isEmpty());
  }

  @Test
  void aBlockWhoseHashDoesNotMatchItsContentsIsNotShown() {
    CertifiedBlock real = replicas.certifiedBlock(4, twoBallots);
    Block b = real.block();
    Block lying = new Block(b.height(), b.previous(), b.digest(), b.ballots(), b.outcomes(), "ff".repeat(32));
    feed.accept(record(new CertifiedBlock(lying, real.certificate())));
    assertTrue(delivered.isEmpty());
    assertEquals(1.0, registry.get("gateway.blocks.invalid").tag("reason", "inconsistent").counter().count());
  }

  @Test
  void theLatestBlocksAreKeptOldestFirstForClientsThatConnectLater() {
    LongStream.rangeClosed(1, BlockFeed.RECENT + 5).forEach(h -> feed.accept(record(replicas.certifiedBlock(h, List.of()))));
    List<BlockSummary> recent = feed.recent();
    assertEquals(BlockFeed.RECENT, recent.size());
    assertEquals(6, recent.get(0).height());
    assertEquals(BlockFeed.RECENT + 5, recent.get(recent.size() - 1).height());
  }

  @Test
  void whileNobodyWatchesNoCertificateIsCheckedAndNothingIsShown() {
    watched = false;
    feed.accept(record(replicas.certifiedBlock(4, twoBallots)));
    CertifiedBlock full = replicas.certifiedBlock(5, twoBallots);
    feed.accept(record(new CertifiedBlock(full.block(), full.certificate().subList(0, 2))));
    assertTrue(delivered.isEmpty());
    assertEquals(0.0, registry.get("gateway.blocks.certified").counter().count());
    assertTrue(registry.find("gateway.blocks.invalid").counters().isEmpty(), "the bad certificate was not looked at");
  }

  @Test
  void blocksKeptWhileNobodyWatchedAreCheckedWhenAskedForAndOnlyCertifiedOnesShown() {
    watched = false;
    CertifiedBlock four = replicas.certifiedBlock(4, twoBallots);
    CertifiedBlock five = replicas.certifiedBlock(5, twoBallots);
    feed.accept(record(four));
    feed.accept(record(new CertifiedBlock(five.block(), five.certificate().subList(0, 2))));
    assertEquals(List.of(BlockSummary.of(four.block())), feed.recent());
    assertEquals(1.0, registry.get("gateway.blocks.invalid").tag("reason", "uncertified").counter().count());
    assertTrue(delivered.isEmpty(), "a client asking for the recent blocks gets them; they are not broadcast too");
  }

  @Test
  void whenSomeoneStartsWatchingTheBlocksKeptMeanwhileArePassedOnFirst() {
    watched = false;
    feed.accept(record(replicas.certifiedBlock(4, twoBallots)));
    watched = true;
    feed.accept(record(replicas.certifiedBlock(5, twoBallots)));
    assertEquals(List.of(4L, 5L), delivered.stream().map(BlockSummary::height).toList());
  }

  @Test
  void aForgedCopyOfAHeightDoesNotHideTheGenuineOne() {
    CertifiedBlock genuine = replicas.certifiedBlock(4, twoBallots);
    feed.accept(record(new CertifiedBlock(genuine.block(), genuine.certificate().subList(0, 1))));
    feed.accept(record(genuine));
    assertEquals(List.of(BlockSummary.of(genuine.block())), delivered);
  }

  @Test
  void readingStartsEarlyEnoughToSeeTheLatestHeightsFromEveryReplica() {
    assertEquals(1_000 - BlockFeed.RECENT * 4, feed.startOffset(1_000));
  }

  private ConsumerRecord<String, byte[]> record(CertifiedBlock block) {
    return new ConsumerRecord<>("bft.blocks", 0, offset++, String.valueOf(block.block().height()), Json.write(block));
  }
}
