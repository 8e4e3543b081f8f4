package io.roadstream.server;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.history.RolledUpStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A segment's history as CSV (RFC 4180): a header row whose names carry the units, one row per period, times in
 * ISO-8601 UTC, numbers in plain decimal notation at full precision, and an empty field where a value is unknown.
 */
final class HistoryCsv {

  static final String HEADER = "segment_id,resolution,start_utc,end_utc,avg_speed_kmh,flow_veh_per_h,"
      + "density_veh_per_km_per_lane,occupancy_ratio,travel_time_s,los,detector_samples,probe_samples,windows,"
      + "vehicles";

  private HistoryCsv() {}

  static String write(List<RolledUpStats> rows) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (RolledUpStats row : rows) {
      SegmentStats s = row.stats();
      csv.append(field(s.segmentId())).append(',')
          .append(row.resolution().label()).append(',')
          .append(Instant.ofEpochMilli(s.windowStart())).append(',')
          .append(Instant.ofEpochMilli(s.windowEnd())).append(',')
          .append(number(s.avgSpeedKmh())).append(',')
          .append(number(s.flowVehPerHour())).append(',')
          .append(number(s.densityVehPerKmPerLane())).append(',')
          .append(number(s.occupancy())).append(',')
          .append(number(s.travelTimeS())).append(',')
          .append(s.los() == null ? "" : s.los().name()).append(',')
          .append(s.detectorSamples()).append(',')
          .append(s.probeSamples()).append(',')
          .append(row.sums().windows()).append(',')
          .append(number(row.sums().flowS() > 0 ? row.sums().vehicles() : null))
          .append("\r\n");
    }
    return csv.toString();
  }

  /** Quoted when it holds a comma, quote or line break; quotes doubled. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** 0.0005, not 5.0E-4: spreadsheets and every CSV reader take plain decimals. */
  static String number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "";
    }
    String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "0" : plain;
  }
}
