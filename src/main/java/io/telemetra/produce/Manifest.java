package io.telemetra.produce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.event.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of one produce run, as written by {@code telemetra produce --manifest FILE} and
 * read by {@code telemetra consume --verify FILE}. The JSON format ({@value #FORMAT}) is documented
 * in docs/CONSUME.md.
 *
 * @param settings a summary of the run's settings (no secrets)
 * @param topics by topic name
 * @param aggregates per-minute figures, see {@link ManifestAggregates}
 */
public record Manifest(
    String runId,
    long seed,
    Map<String, Object> settings,
    Instant startedAt,
    Instant endedAt,
    Map<String, TopicEntry> topics,
    ManifestAggregates aggregates) {

  public static final String FORMAT = "telemetra-manifest/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * What one topic received.
   *
   * @param type the event type's topic suffix (chat, viewer, transactions, stream_meta)
   * @param events acknowledged records
   * @param bytes their value bytes
   * @param failed records that failed after the client's retries (they leave gaps in the sequence)
   * @param channels by channel login (the record key)
   */
  public record TopicEntry(
      String type, long events, long bytes, long failed, Map<String, ChannelEntry> channels) {}

  /**
   * Acknowledged records of one channel in one topic, and the lowest and highest sequence among
   * them.
   */
  public record ChannelEntry(long events, long firstSeq, long lastSeq) {}

  /** Total acknowledged events across topics. */
  public long events() {
    return topics.values().stream().mapToLong(TopicEntry::events).sum();
  }

  /** Writes the manifest as JSON, atomically (a temporary file renamed into place). */
  public void write(Path file) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("run_id", runId);
    root.put("seed", seed);
    root.set("settings", MAPPER.valueToTree(settings));
    root.put("started_at", startedAt.toString());
    root.put("ended_at", endedAt == null ? null : endedAt.toString());
    root.put("events", events());
    ObjectNode topicsNode = root.putObject("topics");
    for (Map.Entry<String, TopicEntry> t : topics.entrySet()) {
      ObjectNode tn = topicsNode.putObject(t.getKey());
      TopicEntry e = t.getValue();
      tn.put("type", e.type());
      tn.put("events", e.events());
      tn.put("bytes", e.bytes());
      tn.put("failed", e.failed());
      ObjectNode cn = tn.putObject("channels");
      for (Map.Entry<String, ChannelEntry> c : e.channels().entrySet()) {
        ObjectNode one = cn.putObject(c.getKey());
        one.put("events", c.getValue().events());
        one.put("first_seq", c.getValue().firstSeq());
        one.put("last_seq", c.getValue().lastSeq());
      }
    }
    ArrayNode minutes = root.putArray("minutes");
    for (Map.Entry<Long, ManifestAggregates.Minute> m : aggregates.minutes().entrySet()) {
      ObjectNode mn = minutes.addObject();
      mn.put("minute", Instant.ofEpochMilli(m.getKey()).toString());
      ObjectNode chat = mn.putObject("chat_messages");
      m.getValue().chatMessages().forEach(chat::put);
      ObjectNode revenue = mn.putObject("revenue_usd");
      m.getValue().revenueUsd().forEach(revenue::put);
      ObjectNode peak = mn.putObject("peak_viewers");
      m.getValue().peakViewers().forEach(peak::put);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a manifest file.
   *
   * @throws IOException when the file cannot be read or is not a manifest (the message says why)
   */
  public static Manifest read(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IOException("not a telemetra manifest (expected \"format\": \"" + FORMAT + "\")");
    }
    try {
      Map<String, TopicEntry> topics = new TreeMap<>();
      for (Map.Entry<String, JsonNode> t : root.required("topics").properties()) {
        JsonNode tn = t.getValue();
        Map<String, ChannelEntry> channels = new TreeMap<>();
        for (Map.Entry<String, JsonNode> c : tn.required("channels").properties()) {
          channels.put(
              c.getKey(),
              new ChannelEntry(
                  c.getValue().required("events").asLong(),
                  c.getValue().required("first_seq").asLong(),
                  c.getValue().required("last_seq").asLong()));
        }
        topics.put(
            t.getKey(),
            new TopicEntry(
                tn.required("type").asText(),
                tn.required("events").asLong(),
                tn.path("bytes").asLong(),
                tn.path("failed").asLong(),
                channels));
      }
      ManifestAggregates agg = new ManifestAggregates();
      for (JsonNode mn : root.required("minutes")) {
        long minute = Timestamps.parse(mn.required("minute").asText());
        mn.path("chat_messages")
            .properties()
            .forEach(e -> agg.putChat(minute, e.getKey(), e.getValue().asLong()));
        mn.path("revenue_usd")
            .properties()
            .forEach(e -> agg.putRevenue(minute, e.getKey(), e.getValue().decimalValue()));
        mn.path("peak_viewers")
            .properties()
            .forEach(e -> agg.putPeak(minute, e.getKey(), e.getValue().asLong()));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> settings =
          root.has("settings")
              ? MAPPER.convertValue(root.get("settings"), LinkedHashMap.class)
              : Map.of();
      String ended = root.path("ended_at").asText(null);
      return new Manifest(
          root.required("run_id").asText(),
          root.path("seed").asLong(),
          settings,
          Instant.parse(root.required("started_at").asText()),
          ended == null ? null : Instant.parse(ended),
          topics,
          agg);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new IOException("malformed manifest: " + e.getMessage());
    }
  }
}
