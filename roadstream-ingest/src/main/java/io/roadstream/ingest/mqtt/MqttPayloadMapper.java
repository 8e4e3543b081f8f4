package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.connect.EventKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one MQTT message into the records it holds, as configured by {@link MqttSettings}: each JSON object or CSV
 * line becomes an event, validated by the same {@link EventCodec} as every other source, or a
 * {@link SourceRecord.Rejected} whose location is {@code topic <t>} (plus {@code , line n} or {@code , item n} when the
 * payload holds several records) and whose reason names the field. An empty payload (MQTT's way of clearing a
 * retained message) holds no record. Pure and thread-safe.
 */
public final class MqttPayloadMapper {

  private final EventKind kind;
  private final EventCodec codec;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonPayloadReader json;
  private final CsvPayloadReader csv;
  private final boolean csvFormat;
  private final int idLevel;

  /** @param settings valid settings (their {@link MqttSettings#problems} empty) */
  public MqttPayloadMapper(MqttSettings settings, EventCodec codec) {
    this.kind = settings.kind();
    this.codec = codec;
    this.json = new JsonPayloadReader(mapper);
    this.csv = new CsvPayloadReader(mapper, settings.csv(), CsvFields.of(kind));
    this.csvFormat = settings.csvFormat();
    this.idLevel = settings.idFromTopicLevel();
  }

  public List<SourceRecord> map(String topic, byte[] payload) {
    if (payload.length == 0) {
      return List.of();
    }
    List<PayloadItem> items = csvFormat ? csv.read(payload) : json.read(payload);
    // a lone CSV line needs no line number; an element of a JSON array is one of a list, even a list of one
    boolean numbered = items.size() > 1 || !csvFormat;
    List<SourceRecord> records = new ArrayList<>(items.size());
    for (PayloadItem item : items) {
      String location = "topic " + topic + (numbered && item.position() > 0
          ? (csvFormat ? ", line " : ", item ") + item.position() : "");
      records.add(toRecord(topic, item, location));
    }
    return records;
  }

  private SourceRecord toRecord(String topic, PayloadItem item, String location) {
    if (item instanceof PayloadItem.Unreadable u) {
      return new SourceRecord.Rejected(u.raw(), location, u.code(), u.reason());
    }
    PayloadItem.Parsed parsed = (PayloadItem.Parsed) item;
    byte[] event = parsed.raw();
    if (csvFormat || idLevel > 0) {
      ObjectNode node = parsed.node();
      if (idLevel > 0) {
        String problem = putIdFromTopic(topic, node);
        if (problem != null) {
          return new SourceRecord.Rejected(parsed.raw(), location, DeadLetterReason.INVALID, problem);
        }
      }
      event = write(node);
    }
    try {
      return kind.decode(codec, event);
    } catch (DecodeException e) {
      return new SourceRecord.Rejected(parsed.raw(), location, e.reason(), e.getMessage());
    }
  }

  /** Sets the id field from the topic; returns why it cannot, or null. */
  private String putIdFromTopic(String topic, ObjectNode node) {
    String[] levels = topic.split("/", -1);
    String field = kind.idField();
    if (levels.length < idLevel || levels[idLevel - 1].isBlank()) {
      return "topic level " + idLevel + " should hold the " + field + " (idFromTopicLevel), but it is "
          + (levels.length < idLevel ? "missing" : "empty");
    }
    String fromTopic = levels[idLevel - 1];
    JsonNode inPayload = node.get(field);
    if (inPayload != null && !inPayload.isNull() && !fromTopic.equals(inPayload.asText())) {
      return "field '" + field + "': " + inPayload + " disagrees with topic level " + idLevel + " '" + fromTopic
          + "'";
    }
    node.put(field, fromTopic);
    return null;
  }

  private byte[] write(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
