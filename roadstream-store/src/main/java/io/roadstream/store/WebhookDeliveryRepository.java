package io.roadstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The dispatcher's delivery log (table {@code webhook_deliveries}): one row per incident and webhook, pending until
 * the webhook answers 2xx (delivered) or the retries run out (failed). Recording a delivery twice changes nothing,
 * and a row leaves {@code pending} only once. Thread-safe.
 */
public final class WebhookDeliveryRepository {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  /** A delivery to record: one incident's JSON for one webhook, and where the incident was read. */
  public record NewDelivery(String incidentId, String webhook, String payload, String sourceTopic, int sourcePartition,
      long sourceOffset) {}

  /** A pending delivery claimed for an attempt; {@code attempts} were made before this one. */
  public record DueDelivery(String incidentId, String webhook, int attempts, String lastError, String payload,
      String sourceTopic, int sourcePartition, long sourceOffset) {}

  /** A row of the log as operators and tests read it. */
  public record WebhookDelivery(String incidentId, String webhook, String status, int attempts, Integer lastHttpStatus,
      String lastError, Instant nextAttemptAt, Instant createdAt, Instant updatedAt, Instant deliveredAt) {}

  private final DataSource dataSource;

  public WebhookDeliveryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the deliveries as pending and due now, in one transaction; returns how many were new. */
  public int enqueue(List<NewDelivery> deliveries) throws SQLException {
    if (deliveries.isEmpty()) {
      return 0;
    }
    String sql = "INSERT INTO webhook_deliveries (incident_id, webhook, payload, source_topic, source_partition, "
        + "source_offset) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id, webhook) DO NOTHING";
    int[] added = new int[1];
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (NewDelivery d : deliveries) {
          ps.setString(1, d.incidentId());
          ps.setString(2, d.webhook());
          ps.setString(3, d.payload());
          ps.setString(4, d.sourceTopic());
          ps.setInt(5, d.sourcePartition());
          ps.setLong(6, d.sourceOffset());
          ps.addBatch();
        }
        for (int n : ps.executeBatch()) {
          added[0] += Math.max(n, 0);
        }
      }
    });
    return added[0];
  }

  /**
   * Claims up to {@code limit} pending deliveries to {@code webhooks} that are due, oldest due first, by moving
   * their next attempt {@code lease} into the future: another worker (in this process or another) skips them
   * until then. A worker that dies mid-attempt thus leaves its rows to be retried once the lease ends.
   */
  public List<DueDelivery> claimDue(Collection<String> webhooks, int limit, Duration lease) throws SQLException {
    if (webhooks.isEmpty() || limit <= 0) {
      return List.of();
    }
    String sql = "UPDATE webhook_deliveries SET next_attempt_at = clock_timestamp() + make_interval(secs => ?), "
        + "updated_at = clock_timestamp() WHERE (incident_id, webhook) IN (SELECT incident_id, webhook "
        + "FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() "
        + "AND webhook = ANY(?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
        + "RETURNING incident_id, webhook, attempts, last_error, payload, source_topic, source_partition, source_offset";
    List<DueDelivery> claimed = new ArrayList<>();
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setDouble(1, lease.toMillis() / 1000.0);
        ps.setArray(2, c.createArrayOf("text", webhooks.toArray()));
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            claimed.add(new DueDelivery(rs.getString("incident_id"), rs.getString("webhook"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getString("payload"), rs.getString("source_topic"),
                rs.getInt("source_partition"), rs.getLong("source_offset")));
          }
        }
      }
    });
    return claimed;
  }

  /** Attempt number {@code attempts} got a 2xx: the delivery is done. */
  public void markDelivered(String incidentId, String webhook, int attempts, int httpStatus) throws SQLException {
    update("UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_http_status = ?, "
        + "last_error = NULL, delivered_at = clock_timestamp(), updated_at = clock_timestamp() "
        + "WHERE incident_id = ? AND webhook = ? AND status = 'pending'", ps -> {
          ps.setInt(1, attempts);
          ps.setInt(2, httpStatus);
          ps.setString(3, incidentId);
          ps.setString(4, webhook);
        });
  }

  /**
   * Attempt number {@code attempts} failed; the delivery stays pending and is due again after {@code retryIn}.
   *
   * @param httpStatus the webhook's answer, or null when none came (refused, timed out)
   */
  public void recordFailure(String incidentId, String webhook, int attempts, Integer httpStatus, String error,
      Duration retryIn) throws SQLException {
    update("UPDATE webhook_deliveries SET attempts = ?, last_http_status = ?, last_error = ?, "
        + "next_attempt_at = clock_timestamp() + make_interval(secs => ?), updated_at = clock_timestamp() "
        + "WHERE incident_id = ? AND webhook = ? AND status = 'pending'", ps -> {
          ps.setInt(1, attempts);
          if (httpStatus == null) {
            ps.setNull(2, java.sql.Types.INTEGER);
          } else {
            ps.setInt(2, httpStatus);
          }
          ps.setString(3, error);
          ps.setDouble(4, retryIn.toMillis() / 1000.0);
          ps.setString(5, incidentId);
          ps.setString(6, webhook);
        });
  }

  /** The retries ran out and the dead letter is written: the delivery is given up. */
  public void markFailed(String incidentId, String webhook) throws SQLException {
    update("UPDATE webhook_deliveries SET status = 'failed', updated_at = clock_timestamp() "
        + "WHERE incident_id = ? AND webhook = ? AND status = 'pending'", ps -> {
          ps.setString(1, incidentId);
          ps.setString(2, webhook);
        });
  }

  /** Every delivery of one incident, by webhook name. */
  public List<WebhookDelivery> forIncident(String incidentId) throws SQLException {
    return query("SELECT * FROM webhook_deliveries WHERE incident_id = ? ORDER BY webhook",
        ps -> ps.setString(1, incidentId));
  }

  /** The whole log, oldest first; for operators and tests. */
  public List<WebhookDelivery> all() throws SQLException {
    return query("SELECT * FROM webhook_deliveries ORDER BY created_at, incident_id, webhook", ps -> { });
  }

  /**
   * The newest {@code limit} deliveries in {@code status}, to {@code webhook} or to any when it is null, most recently
   * changed first.
   */
  public List<WebhookDelivery> withStatus(String status, String webhook, int limit) throws SQLException {
    return query("SELECT * FROM webhook_deliveries WHERE status = ? AND (CAST(? AS text) IS NULL OR webhook = ?) "
        + "ORDER BY updated_at DESC, incident_id, webhook LIMIT ?", ps -> {
          ps.setString(1, status);
          ps.setString(2, webhook);
          ps.setString(3, webhook);
          ps.setInt(4, limit);
        });
  }

  /**
   * Gives failed deliveries to {@code webhook} another full round of attempts, due now: every failed one, or only
   * those of {@code incidentIds} when it is not empty. Their attempt count starts again from 0; their last error
   * stays until the next attempt. Returns how many went back to pending.
   */
  public int requeueFailed(String webhook, Collection<String> incidentIds) throws SQLException {
    int[] requeued = new int[1];
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, "
          + "next_attempt_at = clock_timestamp(), updated_at = clock_timestamp() WHERE webhook = ? "
          + "AND status = 'failed' AND (cardinality(?) = 0 OR incident_id = ANY(?))")) {
        java.sql.Array ids = c.createArrayOf("text", incidentIds.toArray());
        ps.setString(1, webhook);
        ps.setArray(2, ids);
        ps.setArray(3, ids);
        requeued[0] = ps.executeUpdate();
      }
    });
    return requeued[0];
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    }
  }

  private List<WebhookDelivery> query(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<WebhookDelivery> rows = new ArrayList<>();
        while (rs.next()) {
          int status = rs.getInt("last_http_status");
          Integer lastHttpStatus = rs.wasNull() ? null : status;
          rows.add(new WebhookDelivery(rs.getString("incident_id"), rs.getString("webhook"), rs.getString("status"),
              rs.getInt("attempts"), lastHttpStatus, rs.getString("last_error"), instant(rs, "next_attempt_at"),
              instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "delivered_at")));
        }
        return rows;
      }
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
