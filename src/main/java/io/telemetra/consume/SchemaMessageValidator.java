package io.telemetra.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.telemetra.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates with the four JSON Schemas packaged in the jar under {@code /schemas/} (networknt
 * json-schema-validator, format assertions on so that {@code uuid} and {@code date-time} are
 * checked).
 */
public final class SchemaMessageValidator implements MessageValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<EventType, JsonSchema> schemas;

  private SchemaMessageValidator(Map<EventType, JsonSchema> schemas) {
    this.schemas = schemas;
  }

  /** Loads the schemas from the classpath; empty when one of them is not there. */
  public static Optional<MessageValidator> fromClasspath() throws IOException {
    Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    for (EventType type : EventType.values()) {
      try (InputStream in =
          SchemaMessageValidator.class.getResourceAsStream("/schemas/" + type.schemaFile())) {
        if (in == null) {
          return Optional.empty();
        }
        JsonNode node = MAPPER.readTree(in);
        SpecVersion.VersionFlag version =
            SpecVersionDetector.detectOptionalVersion(node, false)
                .orElse(SpecVersion.VersionFlag.V202012);
        schemas.put(type, JsonSchemaFactory.getInstance(version).getSchema(node, config));
      }
    }
    return Optional.of(new SchemaMessageValidator(schemas));
  }

  @Override
  public List<String> validate(EventType type, byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null) {
      return List.of("empty value");
    }
    List<String> reasons = new ArrayList<>();
    for (ValidationMessage m : schemas.get(type).validate(node)) {
      reasons.add(m.getMessage());
    }
    return reasons;
  }
}
