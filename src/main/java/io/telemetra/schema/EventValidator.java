package io.telemetra.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates events against the contract: the four JSON Schemas packaged from {@code schemas/} into
 * the jar (classpath {@code /schemas/<file>}), plus the cross-field rules they describe but JSON
 * Schema cannot express. Thread-safe; build it once and share it.
 *
 * <pre>{@code
 * EventValidator validator = EventValidator.standard();
 * List<Violation> errors = validator.validate(EventType.CHAT, bytes);   // or a JsonNode
 * if (!errors.isEmpty()) log.warn("invalid chat event: {}", errors);   // "$.amount: must be ..."
 * }</pre>
 */
public final class EventValidator {
  /** Parses strictly: duplicate keys and trailing garbage are errors, decimals stay exact. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static volatile EventValidator standard;

  private final Map<EventType, EventSchema> schemas;

  private EventValidator(Map<EventType, EventSchema> schemas) {
    this.schemas = schemas;
  }

  /** The shared validator over the packaged schemas (loaded on first use). */
  public static EventValidator standard() {
    EventValidator v = standard;
    if (v == null) {
      synchronized (EventValidator.class) {
        v = standard;
        if (v == null) {
          Map<EventType, EventSchema> map = new EnumMap<>(EventType.class);
          for (EventType t : EventType.values()) {
            map.put(t, new EventSchema(t.schemaFile(), t, readResource(t)));
          }
          standard = v = new EventValidator(map);
        }
      }
    }
    return v;
  }

  /** The packaged schema of {@code type}. */
  public EventSchema schema(EventType type) {
    return schemas.get(type);
  }

  /** Violations of {@code event} against the contract of {@code type}; empty when valid. */
  public List<Violation> validate(EventType type, JsonNode event) {
    return schemas.get(type).validate(event);
  }

  /**
   * Parses UTF-8 JSON (a Kafka record value) and validates it. Malformed JSON gives one violation
   * at path {@code $} naming the line and column; never throws for bad input.
   */
  public List<Violation> validate(EventType type, byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of(new Violation("$", malformed(e)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      return List.of(new Violation("$", "empty input: expected a JSON object"));
    }
    return validate(type, node);
  }

  /**
   * Loads a schema file from disk. When its file name is one of the four event schemas, that type's
   * extra rules apply too.
   *
   * @throws IOException if the file cannot be read or is not JSON
   */
  public static EventSchema loadSchema(Path file) throws IOException {
    JsonNode node = MAPPER.readTree(Files.readAllBytes(file));
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON Schema object");
    }
    String name = file.getFileName().toString();
    EventType type = null;
    for (EventType t : EventType.values()) {
      if (t.schemaFile().equals(name)) {
        type = t;
      }
    }
    return new EventSchema(name, type, node);
  }

  /**
   * "malformed JSON at line 1, column 17: Unexpected character ..." without Jackson's source
   * excerpt.
   */
  static String malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String what =
        e.getOriginalMessage()
            .replaceAll("\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
            .replaceAll("\\s+", " ")
            .trim();
    if (at == null) {
      return "malformed JSON: " + what;
    }
    return "malformed JSON at line "
        + at.getLineNr()
        + ", column "
        + at.getColumnNr()
        + ": "
        + what;
  }

  private static JsonNode readResource(EventType t) {
    String resource = "/schemas/" + t.schemaFile();
    try (InputStream in = EventValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema "
                + resource
                + " is missing from the classpath (the build packages schemas/*.json)");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
