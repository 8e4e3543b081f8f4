package io.roadstream.store;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Jams in PostgreSQL: their events as history, and each jam's current extent. Writes are idempotent. */
public final class JamRepository {

  /** A jam as the map shows it. */
  public record StoredJam(String jamId, Instant openedAt, Instant clearedAt, String headSegmentId,
      String tailSegmentId, List<String> segmentIds, double lengthKm, Double minSpeedKmh, Instant asOf) {}

  private final DataSource dataSource;
  private final EventCodec codec = new EventCodec();

  public JamRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes the events, in order, in one transaction. */
  public void write(List<CongestionEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    String history = "INSERT INTO jam_events (event_key, jam_id, type, time, segment_ids, length_km, min_speed_kmh, "
        + "event) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_key) DO NOTHING";
    String open = "INSERT INTO jams AS j (jam_id, opened_at, head_segment_id, tail_segment_id, segment_ids, length_km, "
        + "min_speed_kmh, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (jam_id) DO UPDATE SET "
        + "head_segment_id = EXCLUDED.head_segment_id, tail_segment_id = EXCLUDED.tail_segment_id, "
        + "segment_ids = EXCLUDED.segment_ids, length_km = EXCLUDED.length_km, min_speed_kmh = EXCLUDED.min_speed_kmh, "
        + "as_of = EXCLUDED.as_of, updated_at = clock_timestamp() WHERE j.as_of <= EXCLUDED.as_of AND j.cleared_at IS NULL";
    String clear = "INSERT INTO jams AS j (jam_id, opened_at, cleared_at, head_segment_id, tail_segment_id, "
        + "segment_ids, length_km, as_of) VALUES (?, ?, ?, ?, ?, '{}', 0, ?) ON CONFLICT (jam_id) DO UPDATE SET "
        + "cleared_at = EXCLUDED.cleared_at, as_of = EXCLUDED.as_of, updated_at = clock_timestamp() "
        + "WHERE j.as_of <= EXCLUDED.as_of";
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement h = c.prepareStatement(history); PreparedStatement o = c.prepareStatement(open);
          PreparedStatement x = c.prepareStatement(clear)) {
        for (CongestionEvent e : events) {
          byte[] json = codec.encode(e);
          Array segments = c.createArrayOf("text", e.segmentIds());
          h.setString(1, Hashes.md5(json));
          h.setString(2, e.jamId());
          h.setString(3, e.type().name());
          h.setTimestamp(4, new Timestamp(e.time()));
          h.setArray(5, segments);
          h.setDouble(6, e.lengthKm());
          Jdbc.setDouble(h, 7, e.minSpeedKmh());
          h.setString(8, new String(json, StandardCharsets.UTF_8));
          h.executeUpdate();
          if (e.type() == CongestionEventType.CLEARED) {
            x.setString(1, e.jamId());
            x.setTimestamp(2, new Timestamp(e.openedAt()));
            x.setTimestamp(3, new Timestamp(e.time()));
            x.setString(4, e.headSegmentId());
            x.setString(5, e.tailSegmentId());
            x.setTimestamp(6, new Timestamp(e.time()));
            x.executeUpdate();
          } else {
            o.setString(1, e.jamId());
            o.setTimestamp(2, new Timestamp(e.openedAt()));
            o.setString(3, e.headSegmentId());
            o.setString(4, e.tailSegmentId());
            o.setArray(5, segments);
            o.setDouble(6, e.lengthKm());
            Jdbc.setDouble(o, 7, e.minSpeedKmh());
            o.setTimestamp(8, new Timestamp(e.time()));
            o.executeUpdate();
          }
        }
      }
    });
  }

  /** Jams that have not cleared, longest first. */
  public List<StoredJam> open() throws SQLException {
    return query("SELECT * FROM jams WHERE cleared_at IS NULL ORDER BY length_km DESC, jam_id", null, null);
  }

  /** Jams that were open at some moment in [from, to), newest first. */
  public List<StoredJam> between(Instant from, Instant to) throws SQLException {
    return query("SELECT * FROM jams WHERE opened_at < ? AND (cleared_at IS NULL OR cleared_at >= ?) "
        + "ORDER BY opened_at DESC", to, from);
  }

  /** A jam and every segment it covered while it lasted (it grows and shrinks; the map's row has the last extent). */
  public record JamSpan(StoredJam jam, List<String> segmentsCovered) {}

  /**
   * Jams that were open at some moment in [from, to) — opened before {@code to}, not cleared before {@code from} —
   * newest first, with every segment each covered, from its events.
   */
  public List<JamSpan> overlapping(Instant from, Instant to) throws SQLException {
    String sql = "SELECT j.*, ARRAY(SELECT DISTINCT s FROM jam_events e, unnest(e.segment_ids) s "
        + "WHERE e.jam_id = j.jam_id) AS covered FROM jams j WHERE j.opened_at < ? "
        + "AND (j.cleared_at IS NULL OR j.cleared_at >= ?) ORDER BY j.opened_at DESC, j.jam_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(to));
      ps.setTimestamp(2, Timestamp.from(from));
      try (ResultSet rs = ps.executeQuery()) {
        List<JamSpan> jams = new ArrayList<>();
        while (rs.next()) {
          StoredJam jam = read(rs);
          java.util.Set<String> covered = new java.util.LinkedHashSet<>(jam.segmentIds());
          covered.addAll(List.of((String[]) rs.getArray("covered").getArray()));
          jams.add(new JamSpan(jam, List.copyOf(covered)));
        }
        return jams;
      }
    }
  }

  private List<StoredJam> query(String sql, Instant first, Instant second) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (first != null) {
        ps.setTimestamp(1, Timestamp.from(first));
        ps.setTimestamp(2, Timestamp.from(second));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredJam> jams = new ArrayList<>();
        while (rs.next()) {
          jams.add(read(rs));
        }
        return jams;
      }
    }
  }

  private static StoredJam read(ResultSet rs) throws SQLException {
    Timestamp cleared = rs.getTimestamp("cleared_at");
    double speed = rs.getDouble("min_speed_kmh");
    Double minSpeed = rs.wasNull() ? null : speed;
    return new StoredJam(rs.getString("jam_id"), rs.getTimestamp("opened_at").toInstant(),
        cleared == null ? null : cleared.toInstant(), rs.getString("head_segment_id"),
        rs.getString("tail_segment_id"), List.of((String[]) rs.getArray("segment_ids").getArray()),
        rs.getDouble("length_km"), minSpeed, rs.getTimestamp("as_of").toInstant());
  }

}
