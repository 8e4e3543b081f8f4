package io.roadstream.ingest.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.event.DeadLetterReason;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads one event field from an API record as its {@link FieldSpec} says, into the field's type and roadstream's
 * unit. A value that is missing (for a required field), of the wrong type or not in the translation table throws
 * a {@link DecodeException} whose message names the event field and where it was read from.
 */
final class FieldReader {

  private final EventField field;
  private final FieldSpec spec;
  private final JsonPointer pointer;
  private final Template template;
  private final TimeFormat time;
  private final Unit unit;

  /** @throws IllegalArgumentException when the spec does not fit the field; the message omits the key */
  FieldReader(EventField field, FieldSpec spec) {
    this.field = field;
    this.spec = spec;
    if (spec.sources() != 1) {
      throw new IllegalArgumentException("give exactly one of pointer, template, constant, fetchTime");
    }
    this.pointer = spec.pointer() == null ? null : JsonPointers.compile(spec.pointer());
    this.template = spec.template() == null ? null : Template.parse(spec.template());
    if (spec.isFetchTime() && field.type() != EventField.Type.TIME) {
      throw new IllegalArgumentException("fetchTime gives a time, and this field is not one");
    }
    this.time = field.type() == EventField.Type.TIME ? TimeFormat.of(spec.format(), spec.zone()) : null;
    if (field.type() != EventField.Type.TIME && (spec.format() != null || spec.zone() != null)) {
      throw new IllegalArgumentException("format and zone apply to times only");
    }
    if (spec.unit() == null) {
      this.unit = null;
    } else {
      this.unit = Unit.of(spec.unit()).filter(u -> u.quantity() == field.quantity()).orElseThrow(() ->
          new IllegalArgumentException("unit '" + spec.unit() + "' does not apply here"
              + (field.quantity() == Unit.Quantity.NONE ? ": this field takes no unit"
              : "; use one of " + Unit.symbols(field.quantity()))));
    }
    if (!spec.values().isEmpty() && field.type() != EventField.Type.TEXT) {
      throw new IllegalArgumentException("values translate texts only");
    }
  }

  EventField field() {
    return field;
  }

  java.util.Set<String> variables() {
    return template == null ? java.util.Set.of() : template.variables();
  }

  /**
   * @param intervalSeconds the reading's interval, which a veh/h rate is counted over
   * @return the value (String, Long, Integer, Double or Boolean), null when absent from an optional field
   */
  Object read(JsonNode record, Map<String, String> vars, long fetchTime, int intervalSeconds)
      throws DecodeException {
    if (spec.isFetchTime()) {
      return fetchTime;
    }
    JsonNode raw;
    if (pointer != null) {
      raw = record.at(pointer);
    } else if (template != null) {
      raw = template.render(record, vars).<JsonNode>map(TextNode::valueOf).orElse(null);
      if (raw == null) {
        if (field.required()) {
          throw invalid("template '" + template + "' needs " + template.missing(record) + ", which the record lacks");
        }
        return null;
      }
    } else {
      raw = spec.constant();
    }
    if (raw == null || raw.isMissingNode() || raw.isNull()) {
      if (field.required()) {
        throw invalid("missing" + present(record));
      }
      return null;
    }
    return switch (field.type()) {
      case TEXT -> text(raw);
      case TIME -> time.read(raw).orElseThrow(() -> invalid("expected " + time.expected() + ", got " + shown(raw)));
      case BOOLEAN -> bool(raw);
      case INTEGER -> integer(raw, intervalSeconds);
      case NUMBER -> number(raw, intervalSeconds);
    };
  }

  private String text(JsonNode raw) throws DecodeException {
    if (raw.isContainerNode()) {
      throw invalid("expected a text, got " + shown(raw));
    }
    String text = raw.asText();
    if (spec.values().isEmpty()) {
      return text;
    }
    String translated = spec.values().get(text);
    if (translated == null) {
      throw invalid(shown(raw) + " is not one of the mapped values " + spec.values().keySet());
    }
    return translated;
  }

  private Boolean bool(JsonNode raw) throws DecodeException {
    if (raw.isBoolean()) {
      return raw.asBoolean();
    }
    if (raw.isTextual() && (raw.asText().equalsIgnoreCase("true") || raw.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(raw.asText());
    }
    throw invalid("expected true or false, got " + shown(raw));
  }

  private Double number(JsonNode raw, int intervalSeconds) throws DecodeException {
    BigDecimal n = Numbers.decimal(raw).orElseThrow(() -> invalid("expected a number, got " + shown(raw)));
    double value = n.doubleValue();
    return unit == null ? value : unit.toInternal(value, intervalSeconds);
  }

  private Integer integer(JsonNode raw, int intervalSeconds) throws DecodeException {
    BigDecimal n = Numbers.decimal(raw).orElseThrow(() -> invalid("expected an integer, got " + shown(raw)));
    if (unit != null) {
      // a converted count (veh/h over 30 s) or duration is rarely whole: the nearest whole value is what was meant
      return (int) Math.round(unit.toInternal(n.doubleValue(), intervalSeconds));
    }
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw invalid("expected an integer, got " + shown(raw));
    }
  }

  private DecodeException invalid(String what) {
    return new DecodeException(DeadLetterReason.INVALID, "field '" + field.name() + "'" + from() + ": " + what);
  }

  private String from() {
    if (pointer != null) {
      return " (" + spec.pointer() + ")";
    }
    return template != null ? " (template " + template + ")" : "";
  }

  private static String present(JsonNode record) {
    if (!record.isObject()) {
      return "";
    }
    StringBuilder names = new StringBuilder();
    record.fieldNames().forEachRemaining(n -> {
      if (names.length() < 80) {
        names.append(names.length() == 0 ? "" : ", ").append(n);
      }
    });
    return " (the record has: " + (names.length() == 0 ? "no fields" : names) + ")";
  }

  private static String shown(JsonNode v) {
    String s = v.toString();
    return s.length() > 40 ? s.substring(0, 40) + "… (" + s.length() + " characters)" : s;
  }
}
