package io.roadstream.ingest.http;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.http.Unit.Quantity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a mapping can produce, the fields each has, and how the read values become the event. Every event
 * built here is checked by the same {@link EventCodec} the job decodes with, so an implausible value (a speed of
 * 900 km/h, a time in 1970) is rejected at the edge with the codec's reason rather than on the raw topic.
 */
enum MappedEventKind {
  READINGS("readings", List.of(
      EventField.text("sensorId", true),
      EventField.time("time"),
      // absent: the poll interval, the span a snapshot API's value stands for
      EventField.integer("intervalSeconds", Quantity.DURATION, false),
      // absent: the source measures speed but does not count (a traffic API), which is not 0 vehicles
      EventField.integer("vehicleCount", Quantity.COUNT, false),
      EventField.number("avgSpeedKmh", Quantity.SPEED, false),
      EventField.number("occupancy", Quantity.SHARE, false))),
  POSITIONS("positions", List.of(
      EventField.text("vehicleId", true),
      EventField.time("time"),
      EventField.number("lat", Quantity.NONE, false),
      EventField.number("lon", Quantity.NONE, false),
      EventField.text("segmentId", false),
      EventField.number("offsetM", Quantity.LENGTH, false),
      EventField.integer("lane", Quantity.NONE, false),
      EventField.number("speedKmh", Quantity.SPEED, true),
      EventField.number("headingDeg", Quantity.ANGLE, false))),
  REPORTS("reports", List.of(
      EventField.text("reportId", true),
      EventField.text("source", true),
      EventField.time("time"),
      EventField.text("kind", true),
      EventField.text("status", true),
      EventField.bool("verified"),
      EventField.text("segmentId", false),
      EventField.number("offsetM", Quantity.LENGTH, false),
      EventField.number("lat", Quantity.NONE, false),
      EventField.number("lon", Quantity.NONE, false),
      EventField.number("headingDeg", Quantity.ANGLE, false),
      EventField.integer("lanesBlocked", Quantity.NONE, false),
      EventField.text("description", false)));

  private final String key;
  private final List<EventField> fields;

  MappedEventKind(String key, List<EventField> fields) {
    this.key = key;
    this.fields = fields;
  }

  String key() {
    return key;
  }

  List<EventField> fields() {
    return fields;
  }

  Optional<EventField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  static Optional<MappedEventKind> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(MappedEventKind::key).toList();
  }

  /**
   * @param v field name → value read (String, Long, Integer, Double, Boolean; absent or null when not given)
   * @throws DecodeException when the codec finds the event implausible; its message names the field
   */
  SourceRecord build(Map<String, Object> v, EventCodec codec) throws DecodeException {
    return switch (this) {
      case READINGS -> SourceRecord.of(codec.decodeReading(codec.encode(new SensorReading(
          (String) v.get("sensorId"), (Long) v.get("time"), (Integer) v.get("intervalSeconds"),
          (Integer) v.get("vehicleCount"), (Double) v.get("avgSpeedKmh"), (Double) v.get("occupancy")))));
      case POSITIONS -> SourceRecord.of(codec.decodePosition(codec.encode(new ProbePosition(
          (String) v.get("vehicleId"), (Long) v.get("time"), (Double) v.get("lat"), (Double) v.get("lon"),
          (String) v.get("segmentId"), (Double) v.get("offsetM"), (Integer) v.get("lane"),
          (Double) v.get("speedKmh"), (Double) v.get("headingDeg")))));
      case REPORTS -> SourceRecord.of(codec.decodeReport(codec.encode(new IncidentReport(
          (String) v.get("reportId"), (String) v.get("source"), (Long) v.get("time"), (String) v.get("kind"),
          (String) v.get("status"), Boolean.TRUE.equals(v.get("verified")), (String) v.get("segmentId"),
          (Double) v.get("offsetM"), (Double) v.get("lat"), (Double) v.get("lon"), (Double) v.get("headingDeg"),
          (Integer) v.get("lanesBlocked"), v.get("description") == null ? "" : (String) v.get("description")))));
    };
  }
}
