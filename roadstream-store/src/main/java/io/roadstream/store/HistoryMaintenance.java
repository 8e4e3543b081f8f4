package io.roadstream.store;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.history.HistoryResolution;
import io.roadstream.core.history.RolledUpStats;
import io.roadstream.core.history.StatsRollup;
import io.roadstream.core.history.TrafficSums;
import io.roadstream.core.history.TypicalSpeed;
import io.roadstream.core.history.WeekSlot;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps history in PostgreSQL: rolls the pipeline's windows up into 15-minute and those into 1-hour rows, refreshes
 * the typical speeds by quarter hour of the week, and deletes what is older than {@code history.retention.*} — every
 * {@code history.maintenanceIntervalSeconds}, in each {@code roadstream serve} (and the demo).
 *
 * <p><b>How rollups are kept up to date.</b> A trigger on {@code segment_stats} marks the quarter hour of every
 * window written or rewritten in {@code history_pending}, in the materializer's own transaction; this job claims
 * marks, rolls each marked period up again from all its current rows (so a late or revised window simply replaces
 * its period's rollup, and a replay rewrites the same rows), writes the rollup and drops the marks in one
 * transaction, and marks the hour and the slot of the week in turn. The alternative — upserting the rollups with SQL
 * in the materializer's transaction — would make them current at once, but would put the traffic arithmetic in SQL
 * instead of roadstream-core's tested functions, make every materializer batch re-read and re-aggregate whole quarter
 * hours (about 15 times the rows it writes), and hold its locks while doing so; and an hourly rollup would contend on
 * the same row from every partition's materializer. With marks, the materializers pay one small insert per window
 * and stay fast while PostgreSQL is busy, the rollups lag by at most the interval, and nothing is missed: a mark is
 * written atomically with its window, and a crash of this job rolls its claims back. Claims use {@code FOR UPDATE SKIP
 * LOCKED}, so several serve processes split the work; a window written while its period is being rolled up waits for
 * that transaction and marks the period again.
 *
 * <p><b>Retention.</b> Days are counted back from now, or from the newest window when that is older (a replay of old
 * data, a pipeline that has stopped): history is trimmed relative to the data, never emptied because it is old.
 * Runs after the rollups, oldest resolution last, and never deletes a row whose rollup is still
 * pending: raw windows whose quarter hour is marked, quarter hours whose hour is marked. Cut-offs are aligned to the
 * coarser period (raw to quarter hours, quarter hours to hours), so a period is deleted whole or not at all, and the
 * configuration keeps every rollup at least as long as its source ({@link RoadstreamConfig#problems()}). A window
 * revised after its period's source rows may have been deleted (a replay of old data) leaves the period's rollup as
 * it is: rolling it up from the few rows that are left would replace a whole period with a part of it. A period
 * older than that which has no rollup yet (windows stored before this job existed) is rolled up: none of its rows
 * can have been deleted, since retention spares the rows of a period that is waiting.
 */
public final class HistoryMaintenance implements Runnable, AutoCloseable {

  /**
   * What one run did: periods rolled up, typical-speed slots refreshed, rows deleted. {@code stale}: revisions of
   * periods older than their source's retention whose rollup was left as it was.
   */
  public record Report(int quarterHours, int hours, int typicalSlots, int stale, long deletedWindows,
      long deletedQuarterHours, long deletedHours) {}

  private static final Logger LOG = LoggerFactory.getLogger(HistoryMaintenance.class);
  /** Periods per transaction: short enough that a materializer waiting on a claimed mark waits briefly. */
  private static final int BATCH = 500;
  private static final int DELETE_BATCH = 10_000;
  private static final String ORIGIN = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";

  private final DataSource dataSource;
  private final RoadNetwork network;
  private final RoadstreamConfig.History settings;
  private final ZoneId zone;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean healthy = true;

  public HistoryMaintenance(DataSource dataSource, RoadNetwork network, RoadstreamConfig.History settings,
      Clock clock) {
    this.dataSource = dataSource;
    this.network = network;
    this.settings = settings;
    this.zone = settings.zone();
    this.clock = clock;
  }

  /** Runs now and then every interval until closed; a failed run (PostgreSQL away) is logged and tried again. */
  @Override
  public void run() {
    try {
      do {
        try {
          Report report = runOnce();
          if (!healthy) {
            LOG.info("history maintenance works again");
            healthy = true;
          }
          if (report.deletedWindows() + report.deletedQuarterHours() + report.deletedHours() + report.stale() > 0) {
            LOG.info("history: {}", report);
          } else {
            LOG.debug("history: {}", report);
          }
        } catch (SQLException | RuntimeException e) {
          if (healthy) {
            LOG.warn("history maintenance failed ({}); trying again every {} s", e.getMessage(),
                settings.maintenanceIntervalSeconds());
            healthy = false;
          }
        }
      } while (!stopped.await(settings.maintenanceIntervalSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One pass: quarter hours, hours, typical speeds, then retention. */
  public Report runOnce() throws SQLException {
    Instant now = referenceTime();
    RoadstreamConfig.History.Retention retention = settings.retention();
    Instant rawCutoff = cutoff(now, retention.rawDays(), HistoryResolution.FIFTEEN_MINUTES);
    Instant quarterCutoff = cutoff(now, retention.fifteenMinuteDays(), HistoryResolution.HOUR);
    Instant hourCutoff = cutoff(now, retention.hourDays(), HistoryResolution.HOUR);
    int[] stale = {0};
    int quarters = rollUp(HistoryResolution.FIFTEEN_MINUTES, rawCutoff, stale);
    int hours = rollUp(HistoryResolution.HOUR, quarterCutoff, stale);
    int slots = refreshTypical(now);
    long windows = rawCutoff == null ? 0 : delete("segment_stats", "window_start", rawCutoff, "15m", "15 minutes");
    long quarterRows = quarterCutoff == null ? 0
        : delete("segment_stats_15m", "period_start", quarterCutoff, "1h", "1 hour");
    long hourRows = hourCutoff == null ? 0 : delete("segment_stats_1h", "period_start", hourCutoff, null, null);
    return new Report(quarters, hours, slots, stale[0], windows, quarterRows, hourRows);
  }

  /**
   * What retention and the typical speeds count back from: now, or the newest window if that is older — so that a
   * replay of last year's data keeps its days and its weeks, while a window stamped in the future (a sensor's clock
   * running ahead) cannot make the present look old.
   */
  private Instant referenceTime() throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT max(window_start) FROM segment_stats");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      Timestamp newest = rs.getTimestamp(1);
      return newest == null || newest.toInstant().isAfter(now) ? now : newest.toInstant();
    }
  }

  /** The oldest period start kept, aligned down to {@code alignTo}; null when kept forever. */
  private static Instant cutoff(Instant now, int days, HistoryResolution alignTo) {
    if (days == 0) {
      return null;
    }
    return Instant.ofEpochMilli(alignTo.periodStart(now.minus(Duration.ofDays(days)).toEpochMilli()));
  }

  // ---- rollups

  private record Period(String segmentId, long start) {}

  private int rollUp(HistoryResolution resolution, Instant sourceCutoff, int[] stale) throws SQLException {
    int total = 0;
    while (true) {
      int[] claimed = {0};
      int[] done = {0};
      Jdbc.inTransaction(dataSource, c -> {
        List<Period> periods = claim(c, resolution == HistoryResolution.FIFTEEN_MINUTES ? "15m" : "1h");
        claimed[0] = periods.size();
        List<Period> old = periods.stream()
            .filter(p -> sourceCutoff != null && p.start() < sourceCutoff.toEpochMilli()).toList();
        Set<Period> alreadyFinal = rolledUp(c, resolution, old);
        List<Period> fresh = new ArrayList<>();
        for (Period p : periods) {
          if (alreadyFinal.contains(p)) {
            stale[0]++;
          } else {
            fresh.add(p);
          }
        }
        Map<Period, List<TrafficSums>> parts = readParts(c, resolution, fresh);
        write(c, resolution, fresh, parts);
        done[0] = fresh.size();
      });
      total += done[0];
      if (claimed[0] < BATCH) {
        return total;
      }
    }
  }

  /**
   * Which of these periods, older than their source's retention, already have a rollup: theirs is final, since some
   * of their source rows may be gone. One that has none was never rolled up, so retention kept all its rows (it only
   * deletes rows whose period is not marked), and it is rolled up now — windows stored before the rollups existed.
   */
  private static Set<Period> rolledUp(Connection c, HistoryResolution resolution, List<Period> periods)
      throws SQLException {
    Set<Period> done = new java.util.HashSet<>();
    if (periods.isEmpty()) {
      return done;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT r.segment_id, r.period_start FROM unnest(?::text[], "
        + "?::timestamptz[]) AS p(segment_id, period_start) JOIN " + HistoryColumns.table(resolution) + " r "
        + "ON r.segment_id = p.segment_id AND r.period_start = p.period_start")) {
      ps.setArray(1, c.createArrayOf("text", periods.stream().map(Period::segmentId).toArray()));
      ps.setArray(2, c.createArrayOf("timestamptz", periods.stream().map(p -> new Timestamp(p.start())).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          done.add(new Period(rs.getString(1), rs.getTimestamp(2).getTime()));
        }
      }
    }
    return done;
  }

  /** Takes up to {@link #BATCH} marks of one kind, oldest first, skipping those another process holds. */
  private static List<Period> claim(Connection c, String kind) throws SQLException {
    String sql = "DELETE FROM history_pending WHERE (resolution, segment_id, period_start) IN ("
        + "SELECT resolution, segment_id, period_start FROM history_pending WHERE resolution = ? "
        + "ORDER BY period_start LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING segment_id, period_start";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, kind);
      ps.setInt(2, BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        List<Period> periods = new ArrayList<>();
        while (rs.next()) {
          periods.add(new Period(rs.getString(1), rs.getTimestamp(2).getTime()));
        }
        return periods;
      }
    }
  }

  /** The sums of every finer row in each period: windows for a quarter hour, quarter hours for an hour. */
  private static Map<Period, List<TrafficSums>> readParts(Connection c, HistoryResolution resolution,
      List<Period> periods) throws SQLException {
    Map<Period, List<TrafficSums>> parts = new LinkedHashMap<>();
    if (periods.isEmpty()) {
      return parts;
    }
    boolean quarters = resolution == HistoryResolution.FIFTEEN_MINUTES;
    String source = quarters ? "segment_stats" : "segment_stats_15m";
    String start = quarters ? "window_start" : "period_start";
    String sql = "SELECT s.* FROM unnest(?::text[], ?::timestamptz[]) AS p(segment_id, period_start) "
        + "JOIN " + source + " s ON s.segment_id = p.segment_id AND s." + start + " >= p.period_start "
        + "AND s." + start + " < p.period_start + interval '" + (quarters ? "15 minutes" : "1 hour") + "'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", periods.stream().map(Period::segmentId).toArray()));
      ps.setArray(2, c.createArrayOf("timestamptz",
          periods.stream().map(p -> new Timestamp(p.start())).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long at = rs.getTimestamp(start).getTime();
          Period period = new Period(rs.getString("segment_id"), resolution.periodStart(at));
          TrafficSums sums = quarters ? TrafficSums.of(HistoryColumns.window(rs)) : HistoryColumns.sums(rs);
          parts.computeIfAbsent(period, p -> new ArrayList<>()).add(sums);
        }
      }
    }
    return parts;
  }

  private void write(Connection c, HistoryResolution resolution, List<Period> periods,
      Map<Period, List<TrafficSums>> parts) throws SQLException {
    String table = HistoryColumns.table(resolution);
    try (PreparedStatement upsert = c.prepareStatement(HistoryColumns.upsert(resolution));
        PreparedStatement delete = c.prepareStatement("DELETE FROM " + table
            + " WHERE segment_id = ? AND period_start = ?");
        PreparedStatement mark = c.prepareStatement("INSERT INTO history_pending (resolution, segment_id, "
            + "period_start) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Period p : periods) {
        List<TrafficSums> finer = parts.get(p);
        if (finer == null) {
          // nothing left in the period (its rows were deleted by hand): neither is its rollup
          delete.setString(1, p.segmentId());
          delete.setTimestamp(2, new Timestamp(p.start()));
          delete.addBatch();
        } else {
          Segment segment = network.segment(p.segmentId()).orElse(null);
          RolledUpStats row = StatsRollup.rollUp(resolution, p.segmentId(), segment, p.start(), finer);
          HistoryColumns.bind(upsert, row);
          upsert.addBatch();
        }
        if (resolution == HistoryResolution.FIFTEEN_MINUTES) {
          addMark(mark, "1h", p.segmentId(), HistoryResolution.HOUR.periodStart(p.start()));
          addMark(mark, "typical", p.segmentId(), p.start());
        }
      }
      upsert.executeBatch();
      delete.executeBatch();
      mark.executeBatch();
    }
  }

  private static void addMark(PreparedStatement mark, String kind, String segmentId, long start) throws SQLException {
    mark.setString(1, kind);
    mark.setString(2, segmentId);
    mark.setTimestamp(3, new Timestamp(start));
    mark.addBatch();
  }

  // ---- typical speeds

  private record SlotOf(String segmentId, WeekSlot slot) {}

  private int refreshTypical(Instant now) throws SQLException {
    int total = 0;
    while (true) {
      int[] claimed = {0};
      int[] done = {0};
      Jdbc.inTransaction(dataSource, c -> {
        List<Period> periods = claim(c, "typical");
        claimed[0] = periods.size();
        Set<SlotOf> slots = new LinkedHashSet<>();
        for (Period p : periods) {
          slots.add(new SlotOf(p.segmentId(), WeekSlot.of(Instant.ofEpochMilli(p.start()), zone)));
        }
        for (SlotOf s : slots) {
          refresh(c, s, now);
        }
        done[0] = slots.size();
      });
      total += done[0];
      if (claimed[0] < BATCH) {
        return total;
      }
    }
  }

  /** Recomputes one slot's typical speed from its quarter hours in the last weeks (deleted when none has a speed). */
  private void refresh(Connection c, SlotOf s, Instant now) throws SQLException {
    List<Instant> starts = s.slot().recentStarts(zone, now, settings.typical().weeks());
    List<Double> speeds = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT avg_speed_kmh FROM segment_stats_15m "
        + "WHERE segment_id = ? AND period_start = ANY(?)")) {
      ps.setString(1, s.segmentId());
      ps.setArray(2, c.createArrayOf("timestamptz", starts.stream().map(Timestamp::from).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          speeds.add(HistoryColumns.getDouble(rs, "avg_speed_kmh"));
        }
      }
    }
    var typical = TypicalSpeed.of(s.slot(), speeds);
    if (typical.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM typical_speeds WHERE segment_id = ? AND slot = ?")) {
        ps.setString(1, s.segmentId());
        ps.setInt(2, s.slot().index());
        ps.executeUpdate();
      }
      return;
    }
    TypicalSpeed t = typical.get();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO typical_speeds (segment_id, slot, median_speed_kmh, "
        + "p15_speed_kmh, p85_speed_kmh, samples, time_zone, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (segment_id, slot) DO UPDATE SET median_speed_kmh = EXCLUDED.median_speed_kmh, "
        + "p15_speed_kmh = EXCLUDED.p15_speed_kmh, p85_speed_kmh = EXCLUDED.p85_speed_kmh, "
        + "samples = EXCLUDED.samples, time_zone = EXCLUDED.time_zone, computed_at = EXCLUDED.computed_at")) {
      ps.setString(1, s.segmentId());
      ps.setInt(2, s.slot().index());
      ps.setDouble(3, t.medianKmh());
      ps.setDouble(4, t.p15Kmh());
      ps.setDouble(5, t.p85Kmh());
      ps.setInt(6, t.samples());
      ps.setString(7, zone.getId());
      ps.setTimestamp(8, Timestamp.from(now));
      ps.executeUpdate();
    }
  }

  // ---- retention

  /**
   * Deletes rows that start before {@code cutoff}, in batches, except those whose coarser period is still marked
   * for a rollup ({@code pendingKind}, binned by {@code pendingPeriod}).
   */
  private long delete(String table, String startColumn, Instant cutoff, String pendingKind, String pendingPeriod)
      throws SQLException {
    String guard = pendingKind == null ? "" : " AND NOT EXISTS (SELECT 1 FROM history_pending p WHERE p.resolution = '"
        + pendingKind + "' AND p.segment_id = s.segment_id AND p.period_start = date_bin('" + pendingPeriod + "', s."
        + startColumn + ", " + ORIGIN + "))";
    String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT s.ctid FROM " + table + " s WHERE s." + startColumn
        + " < ?" + guard + " LIMIT " + DELETE_BATCH + ")";
    long total = 0;
    while (true) {
      long[] deleted = {0};
      Jdbc.inTransaction(dataSource, c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setTimestamp(1, Timestamp.from(cutoff));
          deleted[0] = ps.executeUpdate();
        }
      });
      total += deleted[0];
      if (deleted[0] < DELETE_BATCH) {
        return total;
      }
    }
  }

  /** False after a run failed, until one succeeds. */
  public boolean healthy() {
    return healthy;
  }

  /** Stops the loop after the run in progress. */
  @Override
  public void close() {
    stopped.countDown();
  }
}
