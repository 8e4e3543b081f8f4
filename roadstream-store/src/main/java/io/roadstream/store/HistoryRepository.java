package io.roadstream.store;

import io.roadstream.core.history.HistoryResolution;
import io.roadstream.core.history.RolledUpStats;
import io.roadstream.core.history.TypicalSpeed;
import io.roadstream.core.history.WeekSlot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads a segment's history at any resolution — the pipeline's windows, the 15-minute and 1-hour rollups — and its
 * typical speeds by quarter hour of the week. {@link HistoryMaintenance} writes the rollups and the typical speeds.
 */
public final class HistoryRepository {

  /** A typical speed as stored: the zone its slot is local to, and when it was computed. */
  public record StoredTypicalSpeed(TypicalSpeed speed, ZoneId zone, Instant computedAt) {}

  private final DataSource dataSource;

  public HistoryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Rows of one segment at {@code resolution} with start in [from, to), oldest first. */
  public List<RolledUpStats> between(HistoryResolution resolution, String segmentId, Instant from, Instant to)
      throws SQLException {
    String sql = resolution == HistoryResolution.MINUTE
        ? "SELECT * FROM segment_stats WHERE segment_id = ? AND window_start >= ? AND window_start < ? "
            + "ORDER BY window_start"
        : "SELECT " + HistoryColumns.COLUMNS + " FROM " + HistoryColumns.table(resolution)
            + " WHERE segment_id = ? AND period_start >= ? AND period_start < ? ORDER BY period_start";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, segmentId);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        List<RolledUpStats> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(resolution == HistoryResolution.MINUTE ? RolledUpStats.window(HistoryColumns.window(rs))
              : HistoryColumns.read(resolution, rs));
        }
        return rows;
      }
    }
  }

  /** The typical speeds of one segment, by slot; slots without history are absent. */
  public List<StoredTypicalSpeed> typicalSpeeds(String segmentId) throws SQLException {
    return typical("SELECT * FROM typical_speeds WHERE segment_id = ? ORDER BY slot", segmentId, null);
  }

  /** The typical speed of one segment in one quarter hour of the week, if its history has one: for detectors. */
  public Optional<StoredTypicalSpeed> typicalSpeed(String segmentId, WeekSlot slot) throws SQLException {
    return typical("SELECT * FROM typical_speeds WHERE segment_id = ? AND slot = ?", segmentId, slot).stream()
        .findFirst();
  }

  private List<StoredTypicalSpeed> typical(String sql, String segmentId, WeekSlot slot) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, segmentId);
      if (slot != null) {
        ps.setInt(2, slot.index());
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredTypicalSpeed> speeds = new ArrayList<>();
        while (rs.next()) {
          speeds.add(new StoredTypicalSpeed(new TypicalSpeed(new WeekSlot(rs.getInt("slot")),
              rs.getDouble("median_speed_kmh"), rs.getDouble("p15_speed_kmh"), rs.getDouble("p85_speed_kmh"),
              rs.getInt("samples")), ZoneId.of(rs.getString("time_zone")), rs.getTimestamp("computed_at").toInstant()));
        }
        return speeds;
      }
    }
  }
}
