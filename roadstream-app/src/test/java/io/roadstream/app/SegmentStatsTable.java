package io.roadstream.app;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The segment_stats table read straight with SQL, not through the repository under test. */
final class SegmentStatsTable {

  private SegmentStatsTable() {}

  static long rowCount(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM segment_stats")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<SegmentStats> readAll(TestPostgres pg) throws Exception {
    List<SegmentStats> rows = new ArrayList<>();
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT segment_id, extract(epoch from window_start) * 1000 AS ws, "
            + "extract(epoch from window_end) * 1000 AS we, avg_speed_kmh, flow_veh_h, density_veh_km_ln, occupancy, "
            + "travel_time_s, los, detector_samples, probe_samples FROM segment_stats")) {
      while (rs.next()) {
        rows.add(new SegmentStats(rs.getString(1), rs.getLong(2), rs.getLong(3), nullable(rs, 4), nullable(rs, 5),
            nullable(rs, 6), nullable(rs, 7), nullable(rs, 8),
            rs.getString(9) == null ? null : LevelOfService.valueOf(rs.getString(9)), rs.getInt(10), rs.getInt(11)));
      }
    }
    return rows;
  }

  private static Double nullable(ResultSet rs, int column) throws Exception {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
