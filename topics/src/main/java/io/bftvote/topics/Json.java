package io.bftvote.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the wire contract. Unknown fields are errors (DESIGN.md: "No
 * other fields are accepted"), numbers must fit their types, and output is deterministic.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private Json() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses; throws {@link MalformedException} with Jackson's explanation on any bad input. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new MalformedException("expected a JSON object, got null");
      }
      return value;
    } catch (IOException e) {
      throw new MalformedException(describe(e), e);
    }
  }

  /** Bad bytes on a topic or in a request body. */
  public static final class MalformedException extends RuntimeException {
    public MalformedException(String message) {
      super(message);
    }

    public MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }


  private static String describe(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getOriginalMessage() != null) {
      return jpe.getOriginalMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
