package io.roadstream.store;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** Segment statistics in PostgreSQL: idempotent upserts by (segment, window start) and the queries the API needs. */
public final class SegmentStatsRepository {

  private static final String COLUMNS = "segment_id, window_start, window_end, avg_speed_kmh, flow_veh_h, "
      + "density_veh_km_ln, occupancy, travel_time_s, los, detector_samples, probe_samples, revision, updated_at";

  private final DataSource dataSource;

  public SegmentStatsRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes all rows in one transaction; a window written before is replaced. Durable when this returns. */
  public void upsert(Collection<SegmentStats> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO segment_stats (segment_id, window_start, window_end, avg_speed_kmh, flow_veh_h, "
        + "density_veh_km_ln, occupancy, travel_time_s, los, detector_samples, probe_samples) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (segment_id, window_start) DO UPDATE SET window_end = EXCLUDED.window_end, "
        + "avg_speed_kmh = EXCLUDED.avg_speed_kmh, flow_veh_h = EXCLUDED.flow_veh_h, "
        + "density_veh_km_ln = EXCLUDED.density_veh_km_ln, occupancy = EXCLUDED.occupancy, "
        + "travel_time_s = EXCLUDED.travel_time_s, los = EXCLUDED.los, detector_samples = EXCLUDED.detector_samples, "
        + "probe_samples = EXCLUDED.probe_samples, revision = nextval('segment_stats_revision'), "
        + "updated_at = clock_timestamp()";
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (SegmentStats s : rows) {
          bindStats(ps, s);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** Stats of one segment with window start in [from, to), oldest first. */
  public List<SegmentStats> between(String segmentId, Instant from, Instant to) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM segment_stats WHERE segment_id = ? AND window_start >= ? "
        + "AND window_start < ? ORDER BY window_start", ps -> {
          ps.setString(1, segmentId);
          ps.setTimestamp(2, Timestamp.from(from));
          ps.setTimestamp(3, Timestamp.from(to));
        }).stream().map(StoredStats::stats).toList();
  }

  /** The latest window of every segment that has one. */
  public List<StoredStats> latestPerSegment() throws SQLException {
    return query("SELECT DISTINCT ON (segment_id) " + COLUMNS + " FROM segment_stats "
        + "ORDER BY segment_id, window_start DESC", ps -> { });
  }

  /**
   * Rows written at or after {@code since}, in write order. Callers follow changes by passing the last
   * {@code updatedAt} they saw minus a margin, because a transaction's rows become visible at commit, a moment after
   * their timestamp.
   */
  public List<StoredStats> updatedSince(Instant since, int limit) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM segment_stats WHERE updated_at >= ? ORDER BY updated_at, revision "
        + "LIMIT ?", ps -> {
          ps.setTimestamp(1, Timestamp.from(since));
          ps.setInt(2, limit);
        });
  }

  /** Number of rows; for status and tests. */
  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM segment_stats");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<StoredStats> query(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredStats> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(read(rs));
        }
        return rows;
      }
    }
  }

  private static StoredStats read(ResultSet rs) throws SQLException {
    String los = rs.getString("los");
    SegmentStats stats = new SegmentStats(
        rs.getString("segment_id"),
        rs.getTimestamp("window_start").getTime(),
        rs.getTimestamp("window_end").getTime(),
        getDouble(rs, "avg_speed_kmh"),
        getDouble(rs, "flow_veh_h"),
        getDouble(rs, "density_veh_km_ln"),
        getDouble(rs, "occupancy"),
        getDouble(rs, "travel_time_s"),
        los == null ? null : LevelOfService.valueOf(los.trim()),
        rs.getInt("detector_samples"),
        rs.getInt("probe_samples"));
    return new StoredStats(stats, rs.getLong("revision"), rs.getTimestamp("updated_at").toInstant());
  }


  private static Double getDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  /**
   * Binds a window's identity and values as parameters 1 to 11, in the column order segment_stats and its rollups
   * share: segment, start, end, speed, flow, density, occupancy, travel time, LOS, detector and probe samples.
   */
  static void bindStats(PreparedStatement ps, SegmentStats s) throws SQLException {
    ps.setString(1, s.segmentId());
    ps.setTimestamp(2, new Timestamp(s.windowStart()));
    ps.setTimestamp(3, new Timestamp(s.windowEnd()));
    Jdbc.setDouble(ps, 4, s.avgSpeedKmh());
    Jdbc.setDouble(ps, 5, s.flowVehPerHour());
    Jdbc.setDouble(ps, 6, s.densityVehPerKmPerLane());
    Jdbc.setDouble(ps, 7, s.occupancy());
    Jdbc.setDouble(ps, 8, s.travelTimeS());
    if (s.los() == null) {
      ps.setNull(9, Types.CHAR);
    } else {
      ps.setString(9, s.los().name());
    }
    ps.setInt(10, s.detectorSamples());
    ps.setInt(11, s.probeSamples());
  }
}
