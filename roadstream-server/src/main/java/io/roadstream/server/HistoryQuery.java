package io.roadstream.server;

import io.roadstream.core.history.HistoryResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code from}, {@code to} and {@code resolution} of {@code GET /api/segments/{id}/history}: a half-open range of
 * event time, by default the last 24 hours, at {@code 1m}, {@code 15m} or {@code 1h} — by default the finest that
 * answers the range in a few hundred rows (up to 6 hours: 1m; up to 7 days: 15m; longer: 1h). Each resolution answers
 * a limited range, so that one request returns at most about ten thousand rows.
 */
public record HistoryQuery(Instant from, Instant to, HistoryResolution resolution) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
  /** The longest range each resolution answers at once. */
  public static final Map<HistoryResolution, Duration> MAX_SPAN = Map.of(
      HistoryResolution.MINUTE, Duration.ofDays(7),
      HistoryResolution.FIFTEEN_MINUTES, Duration.ofDays(92),
      HistoryResolution.HOUR, Duration.ofDays(731));

  /**
   * @throws ApiException 400 naming the parameter: not an instant, from not before to, an unknown resolution, or a
   *                      range longer than the resolution answers
   */
  public static HistoryQuery parse(String fromParam, String toParam, String resolutionParam, Clock clock) {
    Instant to = toParam == null ? clock.instant() : TimeRange.instant("to", toParam);
    Instant from = fromParam == null ? to.minus(DEFAULT_SPAN) : TimeRange.instant("from", fromParam);
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    Duration span = Duration.between(from, to);
    HistoryResolution resolution;
    if (resolutionParam == null || resolutionParam.isBlank()) {
      resolution = defaultFor(span);
    } else {
      resolution = HistoryResolution.byLabel(resolutionParam.trim()).orElseThrow(() -> ApiException.badRequest(
          "parameter 'resolution' must be 1m, 15m or 1h, got '" + TimeRange.shorten(resolutionParam) + "'"));
    }
    Duration max = MAX_SPAN.get(resolution);
    if (span.compareTo(max) > 0) {
      throw ApiException.badRequest("parameters 'from' and 'to' span " + describe(span) + "; resolution "
          + resolution.label() + " answers at most " + max.toDays() + " days at once: ask for a shorter range"
          + (resolution == HistoryResolution.HOUR ? "" : " or a coarser resolution"));
    }
    return new HistoryQuery(from, to, resolution);
  }

  static HistoryResolution defaultFor(Duration span) {
    if (span.compareTo(Duration.ofHours(6)) <= 0) {
      return HistoryResolution.MINUTE;
    }
    return span.compareTo(Duration.ofDays(7)) <= 0 ? HistoryResolution.FIFTEEN_MINUTES : HistoryResolution.HOUR;
  }

  private static String describe(Duration span) {
    return span.toHours() >= 48 ? span.toDays() + " days" : span.toHours() + " hours";
  }
}
