package io.bftvote.tally;

import io.bftvote.topics.CertifiedBlock;
import io.bftvote.topics.JsonSerde;
import io.bftvote.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tally's four state stores, their names (also used by interactive queries) and key formats.
 * All are persistent and changelogged, so exactly-once processing restores them after a crash.
 */
public final class TallyStores {
  /** {@value #NEXT_HEIGHT} → the height of the next block to count (one past the last counted). */
  public static final String PROGRESS = "tally-progress";
  /** height → a certified block that arrived before the block below it; waits for the gap to fill. */
  public static final String PENDING = "tally-pending";
  /** election|voter → the candidate of the voter's accepted ballot. */
  public static final String VOTED = "tally-voted";
  /** election|candidate → number of accepted ballots. */
  public static final String COUNTS = "tally-counts";

  static final String NEXT_HEIGHT = "next-height";
  /** Heights start at 1: block 0 is the genesis block, which is never committed by PBFT. */
  static final long FIRST_HEIGHT = 1;

  /**
   * Election ids and candidate names match [a-z0-9][a-z0-9_-]* and voter ids are base64url, so
   * '|' can never occur in either half: the keys are unambiguous.
   */
  private static final char SEPARATOR = '|';
  /** Room for the key and record overhead on top of the largest block a replica may publish. */
  private static final int CHANGELOG_HEADROOM_BYTES = 1024 * 1024;
  static final int MAX_CHANGELOG_RECORD_BYTES = Topics.MAX_MESSAGE_BYTES + CHANGELOG_HEADROOM_BYTES;

  private TallyStores() {}

  static String votedKey(String election, String voter) {
    return election + SEPARATOR + voter;
  }

  static String countKey(String election, String candidate) {
    return election + SEPARATOR + candidate;
  }

  /**
   * Cached, like {@link #counts()}: the next height changes with every block, and only its value at
   * a commit needs to reach the changelog.
   */
  static StoreBuilder<KeyValueStore<String, Long>> progress() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  /** A pending block can be as large as a block on the topic, so its changelog must accept that. */
  static StoreBuilder<KeyValueStore<Long, CertifiedBlock>> pending() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING), Serdes.Long(),
            new JsonSerde<>(CertifiedBlock.class))
        .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_CHANGELOG_RECORD_BYTES)));
  }

  static StoreBuilder<KeyValueStore<String, String>> voted() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VOTED), Serdes.String(), Serdes.String());
  }

  /**
   * Cached: a candidate's count changes with every ballot for it, and without a cache each change
   * was a RocksDB write and a changelog record, as many as the ballots. With it, a commit writes
   * each count that changed once. Reads (the processor's and interactive queries) see the cache,
   * so nothing reads a stale count; exactly-once commits the cache's contents with the offsets.
   */
  static StoreBuilder<KeyValueStore<String, Long>> counts() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }
}
