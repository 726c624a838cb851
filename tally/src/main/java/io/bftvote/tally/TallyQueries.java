package io.bftvote.tally;

import io.bftvote.topics.Election;
import io.bftvote.topics.Elections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries over the tally's stores, answered in the shape of {@link TallyReport}. */
public final class TallyQueries {
  /** Finds a store by name; throws {@link InvalidStateStoreException} while it cannot be queried. */
  @FunctionalInterface
  public interface StoreLookup {
    ReadOnlyKeyValueStore<String, Long> store(String name);
  }

  private final Elections elections;
  private final StoreLookup stores;

  public TallyQueries(Elections elections, StoreLookup stores) {
    this.elections = elections;
    this.stores = stores;
  }

  /** Queries the local stores of a running Kafka Streams instance. */
  public static TallyQueries of(Elections elections, KafkaStreams streams) {
    return new TallyQueries(elections,
        name -> streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())));
  }

  /**
   * The tally of one election, or empty if no such election was defined at genesis. The height is
   * read before the counts and the processor advances it only after a block's counts are written,
   * so the counts include at least every block up to that height.
   *
   * @throws TallyUnavailableException while the stores are starting, restoring or rebalancing
   */
  public Optional<TallyReport> report(String electionId) {
    Election election = elections.get(electionId);
    if (election == null) {
      return Optional.empty();
    }
    try {
      Long next = stores.store(TallyStores.PROGRESS).get(TallyStores.NEXT_HEIGHT);
      long height = next == null ? TallyStores.FIRST_HEIGHT - 1 : next - 1;
      ReadOnlyKeyValueStore<String, Long> counts = stores.store(TallyStores.COUNTS);
      Map<String, Long> byCandidate = new LinkedHashMap<>();
      for (String candidate : election.candidates()) {
        Long count = counts.get(TallyStores.countKey(election.id(), candidate));
        byCandidate.put(candidate, count == null ? 0 : count);
      }
      return Optional.of(new TallyReport(election.id(), byCandidate, height));
    } catch (InvalidStateStoreException e) {
      throw new TallyUnavailableException(
          "the tally's state stores are not queryable yet (starting, restoring or rebalancing): " + e.getMessage(), e);
    }
  }
}
