package io.roadstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.history.HistoryResolution;
import io.roadstream.core.history.RolledUpStats;
import io.roadstream.core.history.WeekSlot;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Rollups, revisions, retention and typical speeds against a real PostgreSQL, with the trigger that marks windows. */
class HistoryMaintenanceIT {

  /** Monday. */
  private static final Instant EIGHT = Instant.parse("2024-05-06T08:00:00Z");
  private static final Segment ROAD = new Segment("M", "M", RoadClass.MOTORWAY, 3, 1000, 110, 2000,
      List.of(new LonLat(4, 52), new LonLat(4.0146, 52)), List.of(), List.of());
  private static final RoadNetwork NETWORK = new RoadNetwork("t", List.of(ROAD), List.of(), List.of());

  private TestPostgres pg;
  private Database db;
  private SegmentStatsRepository windows;
  private HistoryRepository history;

  @BeforeEach
  void openDatabase(TestInfo test) {
    pg = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
  }

  private void open() {
    db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
    windows = new SegmentStatsRepository(db.dataSource());
    history = new HistoryRepository(db.dataSource());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
    pg.close();
  }

  private HistoryMaintenance maintenance(Instant now, int rawDays, int quarterDays, int hourDays, int weeks) {
    return new HistoryMaintenance(db.dataSource(), NETWORK, new RoadstreamConfig.History(60, "UTC",
        new RoadstreamConfig.History.Retention(rawDays, quarterDays, hourDays),
        new RoadstreamConfig.History.Typical(weeks)), Clock.fixed(now, ZoneOffset.UTC));
  }

  /** A minute as the pipeline writes it: density q / v / lanes. */
  private static SegmentStats minute(Instant start, double flow, double speed) {
    return new SegmentStats("M", start.toEpochMilli(), start.toEpochMilli() + 60_000, speed, flow, flow / speed / 3,
        0.1, 1000 / (speed / 3.6), LevelOfService.B, 2, 0);
  }

  private static List<SegmentStats> minutes(Instant from, int count, double flow, double speed) {
    List<SegmentStats> rows = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      rows.add(minute(from.plusSeconds(60L * m), flow, speed));
    }
    return rows;
  }

  @Test
  void aRevisedWindowRollsItsQuarterHourAndHourUpAgain() throws Exception {
    open();
    windows.upsert(minutes(EIGHT, 30, 1200, 60)); // 20 vehicles a minute at 60 km/h
    HistoryMaintenance job = maintenance(EIGHT.plus(Duration.ofHours(1)), 0, 0, 0, 8);

    HistoryMaintenance.Report first = job.runOnce();

    assertThat(first.quarterHours()).isEqualTo(2);
    assertThat(first.hours()).isEqualTo(1);
    RolledUpStats quarter = history.between(HistoryResolution.FIFTEEN_MINUTES, "M", EIGHT, EIGHT.plusSeconds(900))
        .get(0);
    assertThat(quarter.stats().flowVehPerHour()).isCloseTo(1200, within(1e-9));
    assertThat(quarter.stats().avgSpeedKmh()).isCloseTo(60, within(1e-9));
    assertThat(quarter.sums().windows()).isEqualTo(15);

    // a late event revises 08:05: 40 vehicles at 30 km/h
    windows.upsert(List.of(minute(EIGHT.plusSeconds(300), 2400, 30)));
    HistoryMaintenance.Report second = job.runOnce();

    assertThat(second.quarterHours()).isEqualTo(1);
    assertThat(second.hours()).isEqualTo(1);
    quarter = history.between(HistoryResolution.FIFTEEN_MINUTES, "M", EIGHT, EIGHT.plusSeconds(900)).get(0);
    // 14 × 20 + 40 = 320 vehicles in 900 s; 320 / (280/60 + 40/30) = 53.33 km/h
    assertThat(quarter.stats().flowVehPerHour()).isCloseTo(1280, within(1e-9));
    assertThat(quarter.stats().avgSpeedKmh()).isCloseTo(320 / 6.0, within(1e-9));
    RolledUpStats hour = history.between(HistoryResolution.HOUR, "M", EIGHT, EIGHT.plusSeconds(3600)).get(0);
    // the half hour: 620 vehicles in 1800 s; 620 / (320/53.33 + 300/60) = 56.36 km/h
    assertThat(hour.stats().flowVehPerHour()).isCloseTo(1240, within(1e-9));
    assertThat(hour.stats().avgSpeedKmh()).isCloseTo(620 / 11.0, within(1e-9));
    assertThat(hour.sums().windows()).isEqualTo(30);

    // writing the same windows again (a replay) changes nothing but is rolled up again, to the same rows
    windows.upsert(List.of(minute(EIGHT.plusSeconds(300), 2400, 30)));
    assertThat(job.runOnce().quarterHours()).isEqualTo(1);
    assertThat(history.between(HistoryResolution.HOUR, "M", EIGHT, EIGHT.plusSeconds(3600)).get(0).stats())
        .isEqualTo(hour.stats());
    assertThat(job.runOnce()).isEqualTo(new HistoryMaintenance.Report(0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void retentionDeletesOldRowsAfterRollingThemUpAndLeavesOldPeriodsFinal() throws Exception {
    open();
    Instant now = EIGHT.plus(Duration.ofDays(10));
    // days 10 ago (beyond every retention but the hours'), 3 ago, and today
    windows.upsert(minutes(EIGHT, 60, 1200, 60));
    windows.upsert(minutes(EIGHT.plus(Duration.ofDays(7)), 60, 1200, 60));
    windows.upsert(minutes(EIGHT.plus(Duration.ofDays(10)).minusSeconds(3600), 60, 1200, 60));
    HistoryMaintenance job = maintenance(now, 2, 5, 0, 1);

    HistoryMaintenance.Report report = job.runOnce();

    // every period was rolled up before its windows went, though 10 days is beyond the windows' 2 days
    assertThat(report.quarterHours()).isEqualTo(12);
    assertThat(report.hours()).isEqualTo(3);
    assertThat(report.deletedWindows()).isEqualTo(120);
    assertThat(report.deletedQuarterHours()).isEqualTo(4);
    assertThat(report.deletedHours()).isZero();
    assertThat(windows.count()).isEqualTo(60);
    assertThat(history.between(HistoryResolution.FIFTEEN_MINUTES, "M", EIGHT, now)).hasSize(8);
    assertThat(history.between(HistoryResolution.HOUR, "M", EIGHT, now)).hasSize(3);

    // a replay of one old minute, 10 days back, at another speed: its hour's quarter hours are gone, so the hour
    // stays as it was, and the replayed minute goes again
    RolledUpStats oldHour = history.between(HistoryResolution.HOUR, "M", EIGHT, EIGHT.plusSeconds(3600)).get(0);
    windows.upsert(List.of(minute(EIGHT.plusSeconds(120), 600, 20)));
    HistoryMaintenance.Report replay = job.runOnce();

    assertThat(replay.stale()).isEqualTo(1);
    assertThat(replay.deletedWindows()).isEqualTo(1);
    assertThat(history.between(HistoryResolution.HOUR, "M", EIGHT, EIGHT.plusSeconds(3600)).get(0).stats())
        .isEqualTo(oldHour.stats());
  }

  @Test
  void retentionCountsBackFromTheNewestWindowWhenTheDataIsOld() throws Exception {
    open();
    // a replay of 2024 into a system running years later: its days are kept relative to its own newest window
    windows.upsert(minutes(EIGHT, 60, 1200, 60));
    windows.upsert(minutes(EIGHT.plus(Duration.ofDays(3)), 60, 1200, 60));
    HistoryMaintenance later = maintenance(Instant.parse("2026-11-27T12:00:00Z"), 2, 5, 0, 1);

    assertThat(later.runOnce().deletedWindows()).isEqualTo(60);
    assertThat(windows.count()).isEqualTo(60);

    // a window stamped years ahead (a sensor's clock) does not make the present look old
    windows.upsert(List.of(minute(Instant.parse("2030-01-01T00:00:00Z"), 600, 50)));
    HistoryMaintenance.Report report = maintenance(EIGHT.plus(Duration.ofDays(3)).plusSeconds(7200), 2, 5, 0, 1)
        .runOnce();
    assertThat(report.deletedWindows()).isZero();
    assertThat(windows.count()).isEqualTo(61);
  }

  @Test
  void rollsUpTheWindowsStoredBeforeTheRollupsExisted() throws Exception {
    Flyway.configure().dataSource(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD)
        .schemas(pg.schema()).createSchemas(true).locations("classpath:db/migration").target("6").load().migrate();
    try (Connection c = DriverManager.getConnection(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD);
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + pg.schema() + ".segment_stats (segment_id, "
            + "window_start, window_end, avg_speed_kmh, flow_veh_h, density_veh_km_ln, occupancy, travel_time_s, los, "
            + "detector_samples, probe_samples) VALUES ('M', ?, ?, 50, 600, 4, 0.05, 72, 'A', 2, 0)")) {
      for (int m = 0; m < 15; m++) {
        ps.setTimestamp(1, Timestamp.from(EIGHT.plusSeconds(60L * m)));
        ps.setTimestamp(2, Timestamp.from(EIGHT.plusSeconds(60L * m + 60)));
        ps.executeUpdate();
      }
    }
    open(); // migrates to the current version

    HistoryMaintenance.Report report = maintenance(EIGHT.plus(Duration.ofHours(1)), 0, 0, 0, 8).runOnce();

    assertThat(report.quarterHours()).isEqualTo(1);
    RolledUpStats quarter = history.between(HistoryResolution.FIFTEEN_MINUTES, "M", EIGHT, EIGHT.plusSeconds(900))
        .get(0);
    assertThat(quarter.stats().flowVehPerHour()).isCloseTo(600, within(1e-9));
    assertThat(quarter.sums().windows()).isEqualTo(15);
  }

  @Test
  void typicalSpeedIsTheMedianOfTheSlotOverTheLastWeeks() throws Exception {
    open();
    double[] weekly = {100, 40, 90, 95}; // four Mondays, newest last; the second had a crash
    for (int w = 0; w < weekly.length; w++) {
      windows.upsert(minutes(EIGHT.plus(Duration.ofDays(7L * w)), 15, 1200, weekly[w]));
    }
    Instant now = EIGHT.plus(Duration.ofDays(21)).plusSeconds(3600);

    maintenance(now, 0, 0, 0, 3).runOnce();

    // the last three weeks: 40, 90, 95 → median 90
    var typical = history.typicalSpeed("M", WeekSlot.of(EIGHT, ZoneOffset.UTC)).orElseThrow();
    assertThat(typical.speed().medianKmh()).isCloseTo(90, within(1e-9));
    assertThat(typical.speed().samples()).isEqualTo(3);
    assertThat(typical.zone()).isEqualTo(java.time.ZoneId.of("UTC"));
    assertThat(history.typicalSpeeds("M")).hasSize(1);
  }

  @Test
  void aSecondProcessSkipsWhatTheFirstHasClaimed() throws Exception {
    open();
    windows.upsert(minutes(EIGHT, 15, 1200, 60));
    try (Connection c = DriverManager.getConnection(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SELECT * FROM " + pg.schema() + ".history_pending FOR UPDATE");
      // another process holds the mark: this one passes it by instead of waiting
      HistoryMaintenance.Report report = maintenance(EIGHT.plusSeconds(3600), 0, 0, 0, 8).runOnce();
      assertThat(report.quarterHours()).isZero();
      c.rollback();
    }
    assertThat(maintenance(EIGHT.plusSeconds(3600), 0, 0, 0, 8).runOnce().quarterHours()).isEqualTo(1);
  }
}
