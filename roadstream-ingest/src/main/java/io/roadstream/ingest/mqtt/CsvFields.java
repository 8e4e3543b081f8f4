package io.roadstream.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.roadstream.ingest.connect.EventKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of each event kind (docs/events.md) with the JSON type a CSV cell becomes, so that a CSV row can be
 * validated by the same codec as JSON: {@code "0042"} stays text in an id column and {@code "12"} becomes a number in
 * a count column. A cell that does not fit its type is kept as text, and the codec then names the field in its reason.
 */
final class CsvFields {

  /** The column name that skips a CSV column the event does not use. */
  static final String SKIP = "-";

  enum Type { TEXT, TIME, NUMBER, BOOLEAN }

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");

  private CsvFields() {}

  /** The fields of {@code kind} in the order of docs/events.md. */
  static Map<String, Type> of(EventKind kind) {
    Map<String, Type> f = new LinkedHashMap<>();
    switch (kind) {
      case READINGS -> {
        f.put("sensorId", Type.TEXT);
        f.put("time", Type.TIME);
        f.put("intervalS", Type.NUMBER);
        f.put("vehicleCount", Type.NUMBER);
        f.put("avgSpeedKmh", Type.NUMBER);
        f.put("occupancy", Type.NUMBER);
      }
      case POSITIONS -> {
        f.put("vehicleId", Type.TEXT);
        f.put("time", Type.TIME);
        f.put("lat", Type.NUMBER);
        f.put("lon", Type.NUMBER);
        f.put("segmentId", Type.TEXT);
        f.put("offsetM", Type.NUMBER);
        f.put("lane", Type.NUMBER);
        f.put("speedKmh", Type.NUMBER);
        f.put("headingDeg", Type.NUMBER);
      }
      case REPORTS -> {
        f.put("reportId", Type.TEXT);
        f.put("source", Type.TEXT);
        f.put("time", Type.TIME);
        f.put("kind", Type.TEXT);
        f.put("status", Type.TEXT);
        f.put("verified", Type.BOOLEAN);
        f.put("segmentId", Type.TEXT);
        f.put("offsetM", Type.NUMBER);
        f.put("lat", Type.NUMBER);
        f.put("lon", Type.NUMBER);
        f.put("headingDeg", Type.NUMBER);
        f.put("lanesBlocked", Type.NUMBER);
        f.put("description", Type.TEXT);
      }
    }
    return f;
  }

  /** The JSON value of one non-empty cell: a number, boolean or epoch-ms time where it parses as one, text otherwise. */
  static JsonNode value(Type type, String cell) {
    switch (type) {
      case TIME:
        // epoch milliseconds, or ISO-8601 text the codec parses
        return INTEGER.matcher(cell).matches() ? LongNode.valueOf(Long.parseLong(cell)) : TextNode.valueOf(cell);
      case NUMBER:
        if (INTEGER.matcher(cell).matches()) {
          return LongNode.valueOf(Long.parseLong(cell));
        }
        try {
          return DoubleNode.valueOf(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
          return TextNode.valueOf(cell);
        }
      case BOOLEAN:
        String b = cell.toLowerCase(Locale.ROOT);
        return b.equals("true") || b.equals("false") ? BooleanNode.valueOf(b.equals("true")) : TextNode.valueOf(cell);
      default:
        return TextNode.valueOf(cell);
    }
  }
}
