package io.roadstream.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * How an API writes a time, read into epoch milliseconds (UTC): {@code epoch-ms}, {@code epoch-s} (either a JSON
 * number or a numeric string), {@code iso-8601} with an offset, or without one in a configured zone (Socrata's
 * "floating" timestamps are local time), or a {@link DateTimeFormatter} pattern read in the configured zone.
 */
final class TimeFormat {

  static final String EPOCH_MS = "epoch-ms";
  static final String EPOCH_S = "epoch-s";
  static final String ISO_8601 = "iso-8601";

  private final String format;
  private final ZoneId zone;
  private final DateTimeFormatter formatter;

  private TimeFormat(String format, ZoneId zone, DateTimeFormatter formatter) {
    this.format = format;
    this.zone = zone;
    this.formatter = formatter;
  }

  /**
   * @param format null = ISO-8601
   * @param zone   null = none: a time without an offset is then rejected rather than guessed
   * @throws IllegalArgumentException naming what is wrong, for a configuration problem
   */
  static TimeFormat of(String format, String zone) {
    String f = format == null ? ISO_8601 : format;
    ZoneId z;
    try {
      z = zone == null ? null : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone '" + zone + "' is not a time zone id such as America/New_York or UTC");
    }
    DateTimeFormatter formatter = switch (f) {
      case EPOCH_MS, EPOCH_S -> null;
      case ISO_8601 -> DateTimeFormatter.ISO_DATE_TIME;
      default -> {
        try {
          yield DateTimeFormatter.ofPattern(f);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("format '" + f + "' is neither epoch-ms, epoch-s, iso-8601 nor a"
              + " DateTimeFormatter pattern: " + e.getMessage());
        }
      }
    };
    return new TimeFormat(f, z, formatter);
  }

  /** Epoch milliseconds, or empty when {@code value} is not a time in this format. */
  Optional<Long> read(JsonNode value) {
    if (formatter == null) {
      BigDecimal n = Numbers.decimal(value).orElse(null);
      if (n == null) {
        return Optional.empty();
      }
      BigDecimal millis = format.equals(EPOCH_S) ? n.movePointRight(3) : n;
      try {
        return Optional.of(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      TemporalAccessor t = formatter.parseBest(value.asText().trim(), ZonedDateTime::from, LocalDateTime::from);
      if (t instanceof ZonedDateTime z) {
        return Optional.of(z.toInstant().toEpochMilli());
      }
      if (zone == null) {
        return Optional.empty();
      }
      return Optional.of(((LocalDateTime) t).atZone(zone).toInstant().toEpochMilli());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** What a time in this format looks like, for a rejection's reason. */
  String expected() {
    return switch (format) {
      case EPOCH_MS -> "epoch milliseconds";
      case EPOCH_S -> "epoch seconds";
      case ISO_8601 -> zone == null ? "an ISO-8601 time with an offset (no zone is configured for local times)"
          : "an ISO-8601 time (local times are in " + zone + ")";
      default -> "a time in the pattern '" + format + "'" + (zone == null ? "" : " in " + zone);
    };
  }
}
