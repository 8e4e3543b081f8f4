package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.store.StoredStats;
import java.time.Instant;

/**
 * The JSON that people and browsers read: field names as in {@link SegmentStats}, times as ISO-8601 UTC strings,
 * unknown values as {@code null}.
 */
public final class JsonViews {

  private final ObjectMapper mapper;

  public JsonViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode stats(SegmentStats s) {
    ObjectNode node = mapper.createObjectNode();
    node.put("segmentId", s.segmentId());
    node.put("windowStart", Instant.ofEpochMilli(s.windowStart()).toString());
    node.put("windowEnd", Instant.ofEpochMilli(s.windowEnd()).toString());
    node.put("avgSpeedKmh", s.avgSpeedKmh());
    node.put("flowVehPerHour", s.flowVehPerHour());
    node.put("densityVehPerKmPerLane", s.densityVehPerKmPerLane());
    node.put("occupancy", s.occupancy());
    node.put("travelTimeS", s.travelTimeS());
    node.put("los", s.los() == null ? null : s.los().name());
    node.put("detectorSamples", s.detectorSamples());
    node.put("probeSamples", s.probeSamples());
    return node;
  }

  /** A stored row: the stats plus {@code revision} and {@code updatedAt}, so clients can keep the newest. */
  public ObjectNode stored(StoredStats row) {
    ObjectNode node = stats(row.stats());
    node.put("revision", row.revision());
    node.put("updatedAt", row.updatedAt().toString());
    return node;
  }

  public ObjectNode status(PipelineStatus status) {
    ObjectNode node = mapper.createObjectNode();
    node.put("eventsInPerSecond", status.eventsInPerSecond());
    node.put("statsOutPerSecond", status.statsOutPerSecond());
    node.put("deadLetters", status.deadLetters());
    node.put("consumerLag", status.consumerLag());
    node.put("asOf", status.asOf() == null ? null : status.asOf().toString());
    return node;
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }

  public ObjectNode error(int status, String message) {
    ObjectNode node = mapper.createObjectNode();
    node.put("error", message);
    node.put("status", status);
    return node;
  }

  public String write(Object node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
