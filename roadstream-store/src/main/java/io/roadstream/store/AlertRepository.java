package io.roadstream.store;

import io.roadstream.core.event.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Driver alerts in PostgreSQL: the latest message per alert id. An older message never replaces a newer one. */
public final class AlertRepository {

  private final DataSource dataSource;

  public AlertRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void write(List<Alert> alerts) throws SQLException {
    if (alerts.isEmpty()) {
      return;
    }
    String sql = "INSERT INTO alerts AS a (alert_id, type, time, segment_id, distance_m, cause, cause_id, "
        + "cause_segment_id, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET "
        + "type = EXCLUDED.type, time = EXCLUDED.time, distance_m = EXCLUDED.distance_m, message = EXCLUDED.message, "
        + "updated_at = clock_timestamp() WHERE a.time <= EXCLUDED.time";
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Alert a : alerts) {
          ps.setString(1, a.alertId());
          ps.setString(2, a.type());
          ps.setTimestamp(3, new Timestamp(a.time()));
          ps.setString(4, a.segmentId());
          ps.setDouble(5, a.distanceM());
          ps.setString(6, a.cause());
          ps.setString(7, a.causeId());
          ps.setString(8, a.causeSegmentId());
          ps.setString(9, a.message());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** Alerts in force (issued, not withdrawn), the nearest to their cause first within each cause, newest cause first. */
  public List<Alert> inForce(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM alerts WHERE type = 'ISSUED' "
            + "ORDER BY time DESC, cause_id, distance_m LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Alert> result = new ArrayList<>();
        while (rs.next()) {
          result.add(new Alert(rs.getString("alert_id"), rs.getString("type"), rs.getTimestamp("time").getTime(),
              rs.getString("segment_id"), rs.getDouble("distance_m"), rs.getString("cause"), rs.getString("cause_id"),
              rs.getString("cause_segment_id"), rs.getString("message")));
        }
        return result;
      }
    }
  }
}
