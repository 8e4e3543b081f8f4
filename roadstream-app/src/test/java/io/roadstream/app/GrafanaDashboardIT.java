package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.store.Database;
import io.roadstream.store.IncidentRepository;
import io.roadstream.store.JamRepository;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every SQL query of the provisioned Grafana dashboard — each panel's and each template variable's — runs against the
 * real schema (Flyway's migrations, in a fresh PostgreSQL schema) holding rows the real repositories wrote, after the
 * macro expansion Grafana does, and answers with the columns its panel needs; the speed, Level of Service, jam and
 * incident panels also with the values worked out here from the rows written.
 */
class GrafanaDashboardIT {

  private static final Instant T0 = Instant.parse("2026-11-27T07:00:00Z");
  private static final int MINUTES = 10;
  private static final Instant FROM = T0;
  private static final Instant TO = T0.plusSeconds(60L * MINUTES - 1);
  private static final List<String> SEGMENTS = List.of("A2-N-01", "M1-E-01", "M1-E-02");

  /** Columns each panel's query must answer with, by panel title; a panel missing here fails the test. */
  private static final Map<String, List<String>> COLUMNS = Map.of(
      "Average speed by segment", List.of("time", "metric", "avg_speed_kmh"),
      "Segments by Level of Service", List.of("time", "metric", "segments"),
      "Slowest segments (latest window in range)",
      List.of("segment_id", "window_start", "avg_speed_kmh", "flow_veh_h", "density_veh_km_ln", "occupancy", "los"),
      "Open jams", List.of("open_jams"),
      "Open incidents", List.of("open_incidents"),
      "Jam events", List.of("time", "metric", "events"),
      "Incidents detected", List.of("time", "metric", "incidents"),
      "Jams", List.of("jam_id", "opened_at", "cleared_at", "head_segment_id", "tail_segment_id", "segments",
          "length_km", "min_speed_kmh", "as_of"),
      "Incidents", List.of("incident_id", "kind", "source", "detected_at", "confirmed_at", "cleared_at", "segment_id",
          "vehicles", "evidence"));

  @Test
  void everyQueryOfTheDashboardRunsOnTheRealSchemaAndAnswersWhatItsPanelShows() throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.load();
    assertThat(dashboard.sqlQueries()).extracting(GrafanaDashboard.SqlQuery::panel)
        .containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());
    List<SegmentStats> stats = stats();
    try (TestPostgres pg = TestPostgres.freshSchema("grafana");
        Database db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
        Connection c = pg.connect()) {
      new SegmentStatsRepository(db.dataSource()).upsert(stats);
      new JamRepository(db.dataSource()).write(jams());
      new IncidentRepository(db.dataSource()).write(incidents());
      GrafanaPostgresMacros macros = new GrafanaPostgresMacros(FROM, TO);

      // the template variable, as Grafana lists its values; "All" then stands for every one of them
      Map<String, List<String>> variables = new LinkedHashMap<>();
      for (GrafanaDashboard.Variable v : dashboard.variables()) {
        List<List<Object>> rows = run(c, macros.expand(v.sql(), Map.of()), null);
        variables.put(v.name(), rows.stream().map(r -> String.valueOf(r.get(0))).toList());
      }
      assertThat(variables).containsOnlyKeys("segment");
      assertThat(variables.get("segment")).containsExactlyElementsOf(SEGMENTS);

      Map<String, List<List<Object>>> answers = new LinkedHashMap<>();
      for (GrafanaDashboard.SqlQuery q : dashboard.sqlQueries()) {
        List<String> columns = new ArrayList<>();
        answers.put(q.panel(), run(c, macros.expand(q.rawSql(), variables), columns));
        assertThat(columns).as("columns of '%s'", q.panel()).containsExactlyElementsOf(COLUMNS.get(q.panel()));
        if (q.format().equals("time_series")) {
          assertThat(columns.get(0)).as("a time series starts with its time column: '%s'", q.panel()).isEqualTo("time");
        }
        assertThat(answers.get(q.panel())).as("'%s' shows something for the test's rows", q.panel()).isNotEmpty();
      }

      assertThat(series(answers.get("Average speed by segment"))).isEqualTo(expectedSpeeds(stats));
      assertThat(series(answers.get("Segments by Level of Service"))).isEqualTo(expectedLos(stats));
      assertThat(answers.get("Slowest segments (latest window in range)")).extracting(r -> r.get(0))
          .containsExactlyElementsOf(slowestLatest(stats));
      assertThat(answers.get("Open jams")).containsExactly(List.of(1L));
      assertThat(answers.get("Open incidents")).containsExactly(List.of(1L));
      assertThat(series(answers.get("Jam events"))).isEqualTo(Map.of(
          epoch(T0) + " OPENED", 2.0, epoch(T0.plusSeconds(300)) + " CLEARED", 1.0));
      assertThat(series(answers.get("Incidents detected"))).isEqualTo(Map.of(epoch(T0) + " accident", 2.0));
      // open ones first: jam-1 is open, jam-2 cleared at minute 6; jam-old was opened and cleared before the range
      assertThat(answers.get("Jams")).extracting(r -> r.get(0)).containsExactly("jam-1", "jam-2");
      assertThat(answers.get("Incidents")).extracting(r -> r.get(0)).containsExactly("inc-1", "inc-2");
    }
  }

  /** Three segments, one window a minute for ten minutes, plus an hour-old window the range must leave out. */
  private static List<SegmentStats> stats() {
    List<SegmentStats> rows = new ArrayList<>();
    for (int s = 0; s < SEGMENTS.size(); s++) {
      for (int minute = -60; minute < MINUTES; minute = minute == -60 ? 0 : minute + 1) {
        long start = T0.plusSeconds(60L * minute).toEpochMilli();
        double speed = 30 + 20 * s - 2 * minute + (minute == -60 ? 500 : 0);
        LevelOfService los = speed < 35 ? LevelOfService.F : speed < 60 ? LevelOfService.D : LevelOfService.B;
        rows.add(new SegmentStats(SEGMENTS.get(s), start, start + 60_000, speed, 1200.0, 1200.0 / speed / 2, 0.1,
            30.0, los, 2, 3));
      }
    }
    return rows;
  }

  private static List<CongestionEvent> jams() {
    return List.of(
        jam("jam-old", CongestionEventType.OPENED, -50, "M1-E-01"),
        jam("jam-old", CongestionEventType.CLEARED, -40, "M1-E-01"),
        jam("jam-1", CongestionEventType.OPENED, 2, "M1-E-01", "M1-E-02"),
        jam("jam-2", CongestionEventType.OPENED, 1, "A2-N-01"),
        jam("jam-2", CongestionEventType.CLEARED, 6, "A2-N-01"));
  }

  private static CongestionEvent jam(String id, CongestionEventType type, int minute, String... segments) {
    long time = T0.plusSeconds(60L * minute).toEpochMilli();
    boolean cleared = type == CongestionEventType.CLEARED;
    long opened = T0.plusSeconds(60L * (id.equals("jam-1") ? 2 : id.equals("jam-2") ? 1 : -50)).toEpochMilli();
    return new CongestionEvent(id, type, time, opened, segments[0], segments[segments.length - 1],
        cleared ? new String[0] : segments, cleared ? 0 : 0.6 * segments.length, cleared ? null : 12.0,
        new SegmentStats[0]);
  }

  private static List<Incident> incidents() {
    return List.of(incident("inc-2", IncidentType.DETECTED, 1), incident("inc-1", IncidentType.DETECTED, 3),
        incident("inc-2", IncidentType.CLEARED, 4));
  }

  private static Incident incident(String id, IncidentType type, int minute) {
    return new Incident(id, type, "accident", "probes", T0.plusSeconds(60L * minute).toEpochMilli(), "M1-E-02",
        150.0, null, null, new String[] {"car-1", "car-2"}, "two vehicles stopped at one place");
  }

  private static List<SegmentStats> inRange(List<SegmentStats> stats) {
    return stats.stream().filter(s -> !Instant.ofEpochMilli(s.windowStart()).isBefore(FROM)
        && !Instant.ofEpochMilli(s.windowStart()).isAfter(TO)).toList();
  }

  /** One point per segment and minute: its window's speed (one window each, so the average is the speed). */
  private static Map<String, Double> expectedSpeeds(List<SegmentStats> stats) {
    Map<String, Double> expected = new TreeMap<>();
    inRange(stats).forEach(s -> expected.put(s.windowStart() / 1000 + " " + s.segmentId(), s.avgSpeedKmh()));
    return expected;
  }

  private static Map<String, Double> expectedLos(List<SegmentStats> stats) {
    Map<String, Double> expected = new TreeMap<>();
    inRange(stats).forEach(s -> expected.merge(s.windowStart() / 1000 + " " + s.los(), 1.0, Double::sum));
    return expected;
  }

  private static List<String> slowestLatest(List<SegmentStats> stats) {
    Map<String, SegmentStats> latest = new TreeMap<>();
    inRange(stats).forEach(s -> latest.merge(s.segmentId(), s, (a, b) -> a.windowStart() > b.windowStart() ? a : b));
    return latest.values().stream().sorted(Comparator.comparing(SegmentStats::avgSpeedKmh))
        .map(SegmentStats::segmentId).toList();
  }

  private static long epoch(Instant instant) {
    return instant.getEpochSecond();
  }

  /** A time series answer (time, metric, value) as "epoch-seconds metric" → value. */
  private static Map<String, Double> series(List<List<Object>> rows) {
    Map<String, Double> points = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (List<Object> r : rows) {
      String key = ((Number) r.get(0)).longValue() + " " + r.get(1);
      assertThat(seen.add(key)).as("one point per time and metric: %s", key).isTrue();
      points.put(key, ((Number) r.get(2)).doubleValue());
    }
    return points;
  }

  private static List<List<Object>> run(Connection c, String sql, List<String> columns) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      if (columns != null) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
