package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where one event field's value comes from, as written in a mapping: exactly one of {@code pointer} (a JSON Pointer
 * into the API's record), {@code template} (text with {@code {/pointer}} and {@code {$var}} parts), {@code constant}
 * or {@code fetchTime} (the time the page was fetched, for snapshot APIs that carry no time), then how to read it.
 *
 * @param unit   the unit the API reports a number in (mph, ft, percent, veh/h, …), converted to roadstream's
 * @param format for a time: {@code epoch-ms}, {@code epoch-s}, {@code iso-8601} (the default) or a
 *               {@link java.time.format.DateTimeFormatter} pattern
 * @param zone   for a time without an offset (local time): the zone it is in, e.g. {@code America/New_York}
 * @param values for a text: the API's values translated to roadstream's ({@code ACCIDENT: accident}); a value not
 *               listed rejects the record
 */
public record FieldSpec(
    String pointer,
    String template,
    JsonNode constant,
    Boolean fetchTime,
    String unit,
    String format,
    String zone,
    Map<String, String> values) {

  public FieldSpec {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static FieldSpec pointer(String pointer) {
    return new FieldSpec(pointer, null, null, null, null, null, null, null);
  }

  boolean isFetchTime() {
    return Boolean.TRUE.equals(fetchTime);
  }

  /** How many of the sources (pointer, template, constant, fetchTime) are set; a valid spec has exactly one. */
  int sources() {
    return (pointer != null ? 1 : 0) + (template != null ? 1 : 0) + (constant != null ? 1 : 0) + (isFetchTime() ? 1 : 0);
  }
}
