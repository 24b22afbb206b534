package io.telemetra.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.event.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logic of {@code telemetra validate}: checks a stream of JSON Lines, one event per line,
 * and prints one line per problem, {@code line 7: $.amount: must be ...}.
 *
 * <p>A line may be a bare event or a {@code --sink stdout} envelope {@code {"topic", "key",
 * "value"}}; an envelope's {@code value} is validated, and its {@code key} must be the event's
 * channel. With a fixed schema every event is checked against it (an envelope whose topic
 * belongs to another event type is an error); in <em>auto</em> mode every line must be an
 * envelope and its topic picks the schema. A document whose first line is just {@code {} is
 * read until it closes (pretty-printed JSON). Blank lines are skipped. Malformed JSON is
 * reported with its line and column and counts as an invalid event; reading goes on.
 */
public final class JsonLinesValidator {
  /** Longest pretty-printed document, in lines, before giving up on it. */
  private static final int MAX_DOCUMENT_LINES = 10_000;

  private static final Set<String> ENVELOPE_FIELDS =
      Set.of("topic", "key", "value", "partition", "offset", "headers");

  private final EventSchema fixed;
  private final EventValidator validator;
  private final PrintStream report;
  private final Map<EventType, Long> validByType = new EnumMap<>(EventType.class);
  private long lineNumber;
  private long events;
  private long invalid;
  private StringBuilder pending;
  private long pendingStart;
  private int pendingLines;

  /**
   * @param fixed the schema for every line, or null for auto mode (schema from each envelope's
   *     topic)
   * @param validator the event schemas used in auto mode
   * @param report where problems are printed, one per line
   */
  public JsonLinesValidator(EventSchema fixed, EventValidator validator, PrintStream report) {
    this.fixed = fixed;
    this.validator = validator;
    this.report = report;
  }

  /** Validates everything {@code in} holds, then {@link #finish()}es. */
  public Summary run(BufferedReader in) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      accept(line);
    }
    return finish();
  }

  /** Takes the next input line (without its line terminator). */
  public void accept(String line) {
    lineNumber++;
    if (lineNumber == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1); // a byte-order mark some editors write
    }
    if (pending != null) {
      pending.append('\n').append(line);
      pendingLines++;
      tryPending(false);
      return;
    }
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    if (trimmed.equals("{")) {
      pending = new StringBuilder(line);
      pendingStart = lineNumber;
      pendingLines = 1;
      return;
    }
    check(lineNumber, line);
  }

  /** Ends the input (reporting an unclosed document) and returns the counts. */
  public Summary finish() {
    if (pending != null) {
      tryPending(true);
    }
    return summary();
  }

  public Summary summary() {
    return new Summary(events, invalid, new EnumMap<>(validByType));
  }

  private void tryPending(boolean atEnd) {
    try {
      JsonNode node = EventValidator.MAPPER.readTree(pending.toString());
      long start = pendingStart;
      pending = null;
      handle(start, node);
    } catch (JsonProcessingException e) {
      if (!endOfInput(e)) {
        events++;
        invalid++;
        int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        report.println(
            "line "
                + (pendingStart + line - 1)
                + ": "
                + EventValidator.malformed(e).replaceFirst("at line \\d+, column", "at column"));
        pending = null;
      } else if (atEnd || pendingLines >= MAX_DOCUMENT_LINES) {
        events++;
        invalid++;
        report.println(
            "line "
                + pendingStart
                + ": malformed JSON: the document starting here never closes"
                + (atEnd
                    ? " (end of input at line " + lineNumber + ")"
                    : " within " + MAX_DOCUMENT_LINES + " lines"));
        pending = null;
      }
    }
  }

  /** Whether parsing failed only because the document is not finished yet. */
  private static boolean endOfInput(JsonProcessingException e) {
    return e instanceof JsonEOFException
        || e.getOriginalMessage().startsWith("Unexpected end-of-input");
  }

  private void check(long at, String text) {
    JsonNode node;
    try {
      node = EventValidator.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      events++;
      invalid++;
      report.println(
          "line "
              + at
              + ": "
              + EventValidator.malformed(e).replaceFirst("at line 1, column", "at column"));
      return;
    }
    handle(at, node);
  }

  private void handle(long at, JsonNode node) {
    events++;
    String where = "line " + at;
    JsonNode event = node;
    EventSchema schema = fixed;
    List<Violation> extra = new ArrayList<>();
    if (isEnvelope(node)) {
      String topic = node.get("topic").textValue();
      where += " [" + topic + "]";
      event = node.get("value");
      EventType type = EventType.ofTopic(topic);
      if (fixed == null) {
        if (type == null) {
          fail(
              where
                  + ": topic '"
                  + topic
                  + "' is not an event topic (<prefix>.chat, .viewer, .transactions or"
                  + " .stream_meta), so auto cannot pick a schema");
          return;
        }
        schema = validator.schema(type);
      } else if (type != null && fixed.type() != null && type != fixed.type()) {
        fail(
            where
                + ": the topic carries "
                + type.topicSuffix()
                + " events, but SCHEMA is "
                + fixed.name()
                + " (use SCHEMA auto to pick each line's schema from its topic)");
        return;
      }
      JsonNode key = node.get("key");
      JsonNode channel = event.get("channel");
      if (key != null && channel != null && channel.isTextual() && !channel.equals(key)) {
        extra.add(
            new Violation(
                "key",
                "the record key must be the event's channel '"
                    + channel.textValue()
                    + "', but is "
                    + key));
      }
    } else if (fixed == null) {
      fail(
          where
              + ": not a {\"topic\", \"key\", \"value\"} envelope: SCHEMA auto needs one per line"
              + " (telemetra produce --sink stdout writes them); give a SCHEMA such as chat to validate bare events");
      return;
    }
    List<Violation> violations = new ArrayList<>(schema.validate(event));
    violations.addAll(extra);
    if (violations.isEmpty()) {
      if (schema.type() != null) {
        validByType.merge(schema.type(), 1L, Long::sum);
      }
      return;
    }
    invalid++;
    for (Violation v : violations) {
      report.println(where + ": " + v);
    }
  }

  private void fail(String message) {
    invalid++;
    report.println(message);
  }

  /** An object with a string topic and an object value, and no fields but an envelope's. */
  private static boolean isEnvelope(JsonNode node) {
    if (!node.isObject() || !node.path("topic").isTextual() || !node.path("value").isObject()) {
      return false;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      if (!ENVELOPE_FIELDS.contains(it.next())) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a run found.
   *
   * @param events events read (malformed lines included)
   * @param invalid events that broke the contract or were not JSON
   * @param validByType valid events per event type (schemas other than the four are not counted)
   */
  public record Summary(long events, long invalid, Map<EventType, Long> validByType) {
    public long valid() {
      return events - invalid;
    }

    /** {@code 10 events, all valid (chat 6, viewer 4)} or {@code 3 of 10 events invalid}. */
    public String describe() {
      if (invalid > 0) {
        return invalid + " of " + events + " " + (events == 1 ? "event" : "events") + " invalid";
      }
      StringBuilder sb =
          new StringBuilder()
              .append(events)
              .append(events == 1 ? " event, valid" : " events, all valid");
      if (!validByType.isEmpty()) {
        List<String> parts = new ArrayList<>();
        validByType.forEach((t, n) -> parts.add(t.topicSuffix() + " " + n));
        sb.append(" (").append(String.join(", ", parts)).append(')');
      }
      return sb.toString();
    }
  }
}
