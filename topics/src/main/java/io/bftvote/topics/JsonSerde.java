package io.bftvote.topics;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for the wire types. Deserialising bad bytes throws {@link Json.MalformedException};
 * consumers catch it, count it, and move on: a corrupt record never stops a component.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : Json.write(data);
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    return bytes == null ? null : Json.read(bytes, type);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
