package io.roadstream.store;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Incidents in PostgreSQL: their lifecycle events as history, and each incident's current state. Idempotent. */
public final class IncidentRepository {

  /** An incident as operators see it. */
  public record StoredIncident(String incidentId, String kind, String source, Instant detectedAt, Instant confirmedAt,
      Instant clearedAt, String segmentId, double offsetM, Double lat, Double lon, List<String> vehicleIds,
      String evidence) {

    /** The furthest lifecycle state reached: cleared once cleared, even if the confirmation was never seen. */
    public IncidentType state() {
      return clearedAt != null ? IncidentType.CLEARED
          : confirmedAt != null ? IncidentType.CONFIRMED : IncidentType.DETECTED;
    }
  }

  private final DataSource dataSource;
  private final EventCodec codec = new EventCodec();

  public IncidentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes the events in order, in one transaction; an event seen before changes nothing. */
  public void write(List<Incident> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    String history = "INSERT INTO incident_events (event_key, incident_id, type, time, event) VALUES (?, ?, ?, ?, "
        + "?::jsonb) ON CONFLICT (event_key) DO NOTHING";
    // the first event creates the row; later ones set their own column, so their order does not matter
    String upsert = "INSERT INTO incidents AS i (incident_id, kind, source, detected_at, confirmed_at, cleared_at, "
        + "segment_id, offset_m, lat, lon, vehicle_ids, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (incident_id) DO UPDATE SET "
        + "detected_at = LEAST(i.detected_at, EXCLUDED.detected_at), "
        + "confirmed_at = COALESCE(i.confirmed_at, EXCLUDED.confirmed_at), "
        + "cleared_at = COALESCE(i.cleared_at, EXCLUDED.cleared_at), "
        + "vehicle_ids = CASE WHEN EXCLUDED.cleared_at IS NULL THEN EXCLUDED.vehicle_ids ELSE i.vehicle_ids END, "
        + "evidence = CASE WHEN EXCLUDED.cleared_at IS NULL THEN EXCLUDED.evidence ELSE i.evidence END, "
        + "updated_at = clock_timestamp()";
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement h = c.prepareStatement(history); PreparedStatement u = c.prepareStatement(upsert)) {
        for (Incident e : events) {
          byte[] json = codec.encode(e);
          h.setString(1, Hashes.md5(json));
          h.setString(2, e.incidentId());
          h.setString(3, e.type().name());
          h.setTimestamp(4, new Timestamp(e.time()));
          h.setString(5, new String(json, StandardCharsets.UTF_8));
          h.executeUpdate();
          Timestamp at = new Timestamp(e.time());
          u.setString(1, e.incidentId());
          u.setString(2, e.kind());
          u.setString(3, e.source());
          u.setTimestamp(4, at);
          u.setTimestamp(5, e.type() == io.roadstream.core.event.IncidentType.CONFIRMED ? at : null);
          u.setTimestamp(6, e.type() == io.roadstream.core.event.IncidentType.CLEARED ? at : null);
          u.setString(7, e.segmentId());
          u.setDouble(8, e.offsetM());
          Jdbc.setDouble(u, 9, e.lat());
          Jdbc.setDouble(u, 10, e.lon());
          u.setArray(11, c.createArrayOf("text", e.vehicleIds()));
          u.setString(12, e.evidence());
          u.executeUpdate();
        }
      }
    });
  }

  /** Incidents not cleared, newest first. */
  public List<StoredIncident> open() throws SQLException {
    return query("SELECT * FROM incidents WHERE cleared_at IS NULL ORDER BY detected_at DESC, incident_id", null);
  }

  /**
   * Incidents not cleared and those cleared at or after {@code since} (event time), newest first: what a map shows when
   * it keeps a cleared incident in sight for a while.
   */
  public List<StoredIncident> openOrClearedSince(Instant since) throws SQLException {
    return query("SELECT * FROM incidents WHERE cleared_at IS NULL OR cleared_at >= ? "
        + "ORDER BY detected_at DESC, incident_id", since);
  }

  /**
   * Incidents that were active at some moment in [from, to) — detected before {@code to}, not cleared before
   * {@code from} — newest first.
   */
  public List<StoredIncident> overlapping(Instant from, Instant to) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM "
        + "incidents WHERE detected_at < ? AND (cleared_at IS NULL OR cleared_at >= ?) "
        + "ORDER BY detected_at DESC, incident_id")) {
      ps.setTimestamp(1, Timestamp.from(to));
      ps.setTimestamp(2, Timestamp.from(from));
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredIncident> result = new ArrayList<>();
        while (rs.next()) {
          result.add(read(rs));
        }
        return result;
      }
    }
  }

  private List<StoredIncident> query(String sql, Instant since) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (since != null) {
        ps.setTimestamp(1, Timestamp.from(since));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredIncident> result = new ArrayList<>();
        while (rs.next()) {
          result.add(read(rs));
        }
        return result;
      }
    }
  }

  private static StoredIncident read(ResultSet rs) throws SQLException {
    double lat = rs.getDouble("lat");
    Double latValue = rs.wasNull() ? null : lat;
    double lon = rs.getDouble("lon");
    Double lonValue = rs.wasNull() ? null : lon;
    return new StoredIncident(rs.getString("incident_id"), rs.getString("kind"), rs.getString("source"),
        rs.getTimestamp("detected_at").toInstant(), instant(rs.getTimestamp("confirmed_at")),
        instant(rs.getTimestamp("cleared_at")), rs.getString("segment_id"), rs.getDouble("offset_m"), latValue,
        lonValue, List.of((String[]) rs.getArray("vehicle_ids").getArray()), rs.getString("evidence"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

}
