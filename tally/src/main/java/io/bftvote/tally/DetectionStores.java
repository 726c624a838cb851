package io.bftvote.tally;

import io.bftvote.topics.Detection;
import io.bftvote.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of equivocation detection and of the detection listing, with their names (the
 * listing's are used by interactive queries). All are persistent and changelogged, so exactly-once
 * processing restores them and a restart never publishes a detection twice.
 */
public final class DetectionStores {
  /** {@link Slot#key()} → {@link SlotEntry}: the first message of each slot in the window, checked lazily. */
  public static final String SLOTS = "detection-slots";
  /** replica id → {@link SenderProgress}: how far each replica got, and how many slots it holds. */
  public static final String SENDERS = "detection-senders";
  /** arrival index → detection read back from {@code bft.detections}; the last {@link DetectionLogProcessor#LIMIT}. */
  public static final String LOG = "detection-log";
  /** {@link Slot#key()} of a listed detection → its arrival index, so each slot is listed once. */
  public static final String LOG_SLOTS = "detection-log-slots";

  private DetectionStores() {}

  static StoreBuilder<KeyValueStore<String, SlotEntry>> slots() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLOTS), Serdes.String(),
        new JsonSerde<>(SlotEntry.class));
  }

  static StoreBuilder<KeyValueStore<Integer, SenderProgress>> senders() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SENDERS), Serdes.Integer(),
        new JsonSerde<>(SenderProgress.class));
  }

  static StoreBuilder<KeyValueStore<Long, Detection>> log() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOG), Serdes.Long(),
        new JsonSerde<>(Detection.class));
  }

  static StoreBuilder<KeyValueStore<String, Long>> logSlots() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOG_SLOTS), Serdes.String(), Serdes.Long());
  }
}
