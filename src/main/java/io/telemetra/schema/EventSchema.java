package io.telemetra.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.telemetra.config.Spelling;
import io.telemetra.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One compiled contract: a JSON Schema (draft 2020-12, format assertions on) plus, when it is one
 * of the four event schemas, the {@link ContractRules} JSON Schema cannot express. Immutable and
 * thread-safe once built.
 */
public final class EventSchema {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          // "format" is only an annotation in 2020-12 unless asserted; the contract wants uuid and
          // date-time checked (the patterns check the exact layout, format the calendar).
          .formatAssertionsEnabled(true)
          .pathType(PathType.JSON_PATH)
          .build();

  /** Keywords whose message is clearer with the offending value appended. */
  private static final Set<String> SHOWS_VALUE =
      Set.of(
          "pattern",
          "format",
          "enum",
          "const",
          "maxLength",
          "minLength",
          "maximum",
          "minimum",
          "multipleOf",
          "exclusiveMinimum",
          "exclusiveMaximum");

  private final String name;
  private final EventType type;
  private final JsonNode source;
  private final JsonSchema schema;
  private final Set<String> topLevelProperties;

  /**
   * @param name how messages refer to the schema (its file name)
   * @param type the event type whose extra rules apply, or null for any other schema
   * @param source the schema document
   */
  EventSchema(String name, EventType type, JsonNode source) {
    this.name = name;
    this.type = type;
    this.source = source;
    this.schema = FACTORY.getSchema(source, CONFIG);
    this.schema.initializeValidators();
    Set<String> props = new TreeSet<>();
    source.path("properties").fieldNames().forEachRemaining(props::add);
    this.topLevelProperties = props;
  }

  /** The schema document as loaded (for tests and tools). */
  JsonNode document() {
    return source;
  }

  public String name() {
    return name;
  }

  /** The event type this schema describes, or null for a schema that is not one of the four. */
  public EventType type() {
    return type;
  }

  /** All violations of {@code event}, schema first, then the extra rules; empty when valid. */
  public List<Violation> validate(JsonNode event) {
    Set<ValidationMessage> messages = schema.validate(event);
    List<Violation> out = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      out.add(readable(m));
    }
    if (type != null) {
      out.addAll(ContractRules.check(type, event));
    }
    return out;
  }

  private Violation readable(ValidationMessage m) {
    String path = m.getInstanceLocation().toString();
    String text = m.getMessage();
    if (text.startsWith(path + ": ")) {
      text = text.substring(path.length() + 2);
    }
    String keyword = m.getType();
    JsonNode schemaNode = m.getSchemaNode();
    if ("not".equals(keyword)
        && schemaNode != null
        && schemaNode.size() == 1
        && schemaNode.path("required").size() == 1) {
      text = "must not have property '" + schemaNode.get("required").get(0).asText() + "'";
    } else if ("format".equals(keyword)) {
      text = text.replaceFirst("^does not match the \\S+ pattern must be", "must be");
    } else if ("additionalProperties".equals(keyword)
        && path.equals("$")
        && m.getProperty() != null) {
      String near = Spelling.nearest(m.getProperty(), topLevelProperties, 2);
      if (near != null) {
        text += " (did you mean '" + near + "'?)";
      }
    }
    if (SHOWS_VALUE.contains(keyword)) {
      JsonNode value = m.getInstanceNode();
      if (value != null && value.isValueNode()) {
        String shown = value.toString();
        text += "; got " + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown);
      }
    }
    String rule = ruleOf(m);
    if (rule != null) {
      text += " (rule: " + rule + ")";
    }
    return new Violation(path, text);
  }

  /**
   * The description of the allOf item (an if/then/else rule) the failing keyword sits in, if any.
   */
  private String ruleOf(ValidationMessage m) {
    if (m.getSchemaLocation() == null) {
      return null;
    }
    JsonNodePath fragment = m.getSchemaLocation().getFragment();
    if (fragment == null) {
      return null;
    }
    JsonNode node = source;
    String rule = null;
    for (int i = 0; i < fragment.getNameCount() && node != null; i++) {
      Object element = fragment.getElement(i);
      boolean inAllOf = i >= 2 && "allOf".equals(fragment.getElement(i - 2));
      if ((element.equals("then") || element.equals("else"))
          && inAllOf
          && node.path("description").isTextual()) {
        rule = node.get("description").asText();
      }
      node = element instanceof Integer index ? node.get(index) : node.get(element.toString());
    }
    return rule;
  }
}
