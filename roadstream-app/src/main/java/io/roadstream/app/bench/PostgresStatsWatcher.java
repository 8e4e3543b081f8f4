package io.roadstream.app.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Polls {@code segment_stats} every few milliseconds for rows it has not seen and notes when each window first
 * appears, as a query of the history would find it. Every insert and update of the table draws the next
 * {@code revision} and the stats materializer is the table's only writer, so "revision above the last seen" finds
 * exactly the rows committed since the previous poll. The poll period adds up to that much to each latency.
 */
public final class PostgresStatsWatcher implements Runnable, AutoCloseable {

  /** Between polls. */
  public static final long PERIOD_NANOS = 10_000_000;

  private final DataSource dataSource;
  private final StatsArrivals arrivals;
  private volatile boolean running = true;
  private volatile Exception failure;

  public PostgresStatsWatcher(DataSource dataSource, StatsArrivals arrivals) {
    this.dataSource = dataSource;
    this.arrivals = arrivals;
  }

  @Override
  public void run() {
    long lastRevision = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT segment_id, window_start, window_end, revision "
            + "FROM segment_stats WHERE revision > ? ORDER BY revision")) {
      while (running) {
        query.setLong(1, lastRevision);
        try (ResultSet rows = query.executeQuery()) {
          long now = System.nanoTime();
          while (rows.next()) {
            arrivals.seen(rows.getString(1), rows.getTimestamp(2).getTime(), rows.getTimestamp(3).getTime(), now);
            lastRevision = rows.getLong(4);
          }
        }
        LockSupport.parkNanos(PERIOD_NANOS);
      }
    } catch (SQLException e) {
      failure = e;
    }
  }

  /** Why polling stopped early, or null. */
  public Exception failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
  }
}
