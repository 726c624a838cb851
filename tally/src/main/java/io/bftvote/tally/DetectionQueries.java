package io.bftvote.tally;

import io.bftvote.topics.Detection;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries over the detection listing ({@link DetectionStores#LOG}). */
public final class DetectionQueries {
  /** Finds the listing store; throws {@link InvalidStateStoreException} while it cannot be queried. */
  @FunctionalInterface
  public interface ListingLookup {
    ReadOnlyKeyValueStore<Long, Detection> listing();
  }

  private final ListingLookup lookup;

  public DetectionQueries(ListingLookup lookup) {
    this.lookup = lookup;
  }

  /** Queries the local stores of a running Kafka Streams instance. */
  public static DetectionQueries of(KafkaStreams streams) {
    return new DetectionQueries(() -> streams.store(
        StoreQueryParameters.fromNameAndType(DetectionStores.LOG, QueryableStoreTypes.<Long, Detection>keyValueStore())));
  }

  /**
   * The listed detections, most recent first (at most {@link DetectionLogProcessor#LIMIT}).
   *
   * @throws TallyUnavailableException while the stores are starting, restoring or rebalancing
   */
  public List<Detection> recent() {
    List<Detection> detections = new ArrayList<>();
    try (KeyValueIterator<Long, Detection> newestFirst = lookup.listing().reverseAll()) {
      while (newestFirst.hasNext() && detections.size() < DetectionLogProcessor.LIMIT) {
        detections.add(newestFirst.next().value);
      }
    } catch (InvalidStateStoreException e) {
      throw new TallyUnavailableException(
          "the detection listing is not queryable yet (starting, restoring or rebalancing): " + e.getMessage(), e);
    }
    return detections;
  }
}
