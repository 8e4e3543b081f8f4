package io.roadstream.store;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.history.HistoryResolution;
import io.roadstream.core.history.RolledUpStats;
import io.roadstream.core.history.TrafficSums;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The rollup tables' columns (V7__history.sql) to and from {@link RolledUpStats}. */
final class HistoryColumns {

  static final String COLUMNS = "segment_id, period_start, period_end, avg_speed_kmh, flow_veh_h, density_veh_km_ln, "
      + "occupancy, travel_time_s, los, detector_samples, probe_samples, windows, covered_s, flow_s, vehicles, "
      + "speed_vehicles, speed_vehicle_hours_per_km, speed_probe_reports, speed_probe_sum, speed_readings, "
      + "speed_readings_inverse_sum, density_s, density_integral, occupancy_s, occupancy_integral";

  private HistoryColumns() {}

  /** The table that holds a rollup resolution. */
  static String table(HistoryResolution resolution) {
    return switch (resolution) {
      case FIFTEEN_MINUTES -> "segment_stats_15m";
      case HOUR -> "segment_stats_1h";
      case MINUTE -> "segment_stats";
    };
  }

  static String upsert(HistoryResolution resolution) {
    StringBuilder update = new StringBuilder();
    for (String column : COLUMNS.split(", ")) {
      if (!column.equals("segment_id") && !column.equals("period_start")) {
        update.append(column).append(" = EXCLUDED.").append(column).append(", ");
      }
    }
    return "INSERT INTO " + table(resolution) + " (" + COLUMNS + ") VALUES (" + "?, ".repeat(24) + "?) "
        + "ON CONFLICT (segment_id, period_start) DO UPDATE SET " + update + "updated_at = clock_timestamp()";
  }

  static void bind(PreparedStatement ps, RolledUpStats row) throws SQLException {
    TrafficSums t = row.sums();
    SegmentStatsRepository.bindStats(ps, row.stats());
    ps.setInt(12, t.windows());
    double[] sums = {t.coveredS(), t.flowS(), t.vehicles(), t.speedVehicles(), t.speedVehicleHoursPerKm(),
        t.speedProbeReports(), t.speedProbeSum(), t.speedReadings(), t.speedReadingsInverseSum(), t.densityS(),
        t.densityIntegral(), t.occupancyS(), t.occupancyIntegral()};
    for (int i = 0; i < sums.length; i++) {
      ps.setDouble(13 + i, sums[i]);
    }
  }

  static RolledUpStats read(HistoryResolution resolution, ResultSet rs) throws SQLException {
    String los = rs.getString("los");
    SegmentStats stats = new SegmentStats(rs.getString("segment_id"), rs.getTimestamp("period_start").getTime(),
        rs.getTimestamp("period_end").getTime(), getDouble(rs, "avg_speed_kmh"), getDouble(rs, "flow_veh_h"),
        getDouble(rs, "density_veh_km_ln"), getDouble(rs, "occupancy"), getDouble(rs, "travel_time_s"),
        los == null ? null : LevelOfService.valueOf(los.trim()), rs.getInt("detector_samples"),
        rs.getInt("probe_samples"));
    return new RolledUpStats(resolution, stats, sums(rs));
  }

  /** The sums of a rollup row, as the next coarser rollup adds them. */
  static TrafficSums sums(ResultSet rs) throws SQLException {
    return new TrafficSums(rs.getInt("windows"), rs.getDouble("covered_s"), rs.getInt("detector_samples"),
        rs.getInt("probe_samples"), rs.getDouble("flow_s"), rs.getDouble("vehicles"), rs.getDouble("speed_vehicles"),
        rs.getDouble("speed_vehicle_hours_per_km"), rs.getDouble("speed_probe_reports"),
        rs.getDouble("speed_probe_sum"), rs.getDouble("speed_readings"), rs.getDouble("speed_readings_inverse_sum"),
        rs.getDouble("density_s"), rs.getDouble("density_integral"), rs.getDouble("occupancy_s"),
        rs.getDouble("occupancy_integral"));
  }

  /** A pipeline window row of segment_stats. */
  static SegmentStats window(ResultSet rs) throws SQLException {
    String los = rs.getString("los");
    return new SegmentStats(rs.getString("segment_id"), rs.getTimestamp("window_start").getTime(),
        rs.getTimestamp("window_end").getTime(), getDouble(rs, "avg_speed_kmh"), getDouble(rs, "flow_veh_h"),
        getDouble(rs, "density_veh_km_ln"), getDouble(rs, "occupancy"), getDouble(rs, "travel_time_s"),
        los == null ? null : LevelOfService.valueOf(los.trim()), rs.getInt("detector_samples"),
        rs.getInt("probe_samples"));
  }

  static Double getDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
