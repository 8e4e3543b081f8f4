package io.roadstream.server;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A half-open interval [from, to) of event time, parsed from the {@code from}/{@code to} query parameters of the
 * history API: ISO-8601 instants, {@code to} defaulting to now and {@code from} to one hour before {@code to}.
 */
public record TimeRange(Instant from, Instant to) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
  public static final Duration MAX_SPAN = Duration.ofDays(31);

  /**
   * Parses the raw parameter values ({@code null} when absent).
   *
   * @throws ApiException 400 naming the parameter when a value is not an instant, from is not before to, or the range
   *                      spans more than {@link #MAX_SPAN}
   */
  public static TimeRange parse(String fromParam, String toParam, Clock clock) {
    Instant to = toParam == null ? clock.instant() : instant("to", toParam);
    Instant from = fromParam == null ? to.minus(DEFAULT_SPAN) : instant("from", fromParam);
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw ApiException.badRequest("parameters 'from' and 'to' span " + Duration.between(from, to).toHours()
          + " hours; at most " + MAX_SPAN.toDays() + " days can be asked at once");
    }
    return new TimeRange(from, to);
  }

  /**
   * One ISO-8601 instant parameter: UTC ({@code Z}) or with an explicit offset.
   *
   * @throws ApiException 400 naming the parameter when the value is not an instant
   */
  static Instant instant(String name, String value) {
    String text = value.trim();
    try {
      return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    } catch (DateTimeException notUtc) {
      try {
        // an explicit offset such as +02:00 is as unambiguous as Z
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e) {
        throw ApiException.badRequest("parameter '" + name + "' must be an ISO-8601 instant such as "
            + "2024-05-01T08:00:00Z, got '" + shorten(value) + "'");
      }
    }
  }

  /** A parameter's value as an error message quotes it: at most 40 characters. */
  static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
