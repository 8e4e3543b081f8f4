package io.roadstream.store;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.SignalPlan;
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

/**
 * Signal plans in PostgreSQL: every published plan as history, keyed by (intersection, computed at), and the plan in
 * force per intersection. Writing the same plan again changes nothing; an older plan never replaces a newer one as
 * the plan in force.
 */
public final class SignalPlanRepository {

  private static final String COLUMNS = "intersection_id, computed_at, cycle_s, lost_time_s, critical_flow_ratio_sum, "
      + "oversaturated, based_on_window_start, based_on_window_end, plan";
  private static final String VALUES = "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final String SET_ALL = "computed_at = EXCLUDED.computed_at, cycle_s = EXCLUDED.cycle_s, "
      + "lost_time_s = EXCLUDED.lost_time_s, critical_flow_ratio_sum = EXCLUDED.critical_flow_ratio_sum, "
      + "oversaturated = EXCLUDED.oversaturated, based_on_window_start = EXCLUDED.based_on_window_start, "
      + "based_on_window_end = EXCLUDED.based_on_window_end, plan = EXCLUDED.plan, updated_at = clock_timestamp()";

  private final DataSource dataSource;
  private final EventCodec codec = new EventCodec();

  public SignalPlanRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes the plans, in order, in one transaction: into the history, and as the plan in force when newest. */
  public void write(List<SignalPlan> plans) throws SQLException {
    if (plans.isEmpty()) {
      return;
    }
    // a plan recomputed for the same period (a job restarted without exactly-once) replaces the earlier version
    String history = "INSERT INTO signal_plans (" + COLUMNS + ") " + VALUES
        + " ON CONFLICT (intersection_id, computed_at) DO UPDATE SET " + SET_ALL;
    String current = "INSERT INTO current_signal_plans AS c (" + COLUMNS + ") " + VALUES
        + " ON CONFLICT (intersection_id) DO UPDATE SET " + SET_ALL + " WHERE c.computed_at <= EXCLUDED.computed_at";
    Jdbc.inTransaction(dataSource, c -> {
      try (PreparedStatement h = c.prepareStatement(history); PreparedStatement p = c.prepareStatement(current)) {
        for (SignalPlan plan : plans) {
          String json = new String(codec.encode(plan), StandardCharsets.UTF_8);
          bind(h, plan, json);
          h.addBatch();
          bind(p, plan, json);
          p.addBatch();
        }
        h.executeBatch();
        p.executeBatch();
      }
    });
  }

  /** The plan in force at every intersection that has one, by intersection id. */
  public List<SignalPlan> current() throws SQLException {
    return query("SELECT plan FROM current_signal_plans ORDER BY intersection_id", null, null, null);
  }

  /** The plans of one intersection computed in [from, to), oldest first. */
  public List<SignalPlan> between(String intersectionId, Instant from, Instant to) throws SQLException {
    return query("SELECT plan FROM signal_plans WHERE intersection_id = ? AND computed_at >= ? AND computed_at < ? "
        + "ORDER BY computed_at", intersectionId, from, to);
  }

  private static void bind(PreparedStatement ps, SignalPlan plan, String json) throws SQLException {
    ps.setString(1, plan.intersectionId());
    ps.setTimestamp(2, new Timestamp(plan.computedAt()));
    ps.setDouble(3, plan.cycleS());
    ps.setDouble(4, plan.lostTimeS());
    ps.setDouble(5, plan.criticalFlowRatioSum());
    ps.setBoolean(6, plan.oversaturated());
    ps.setTimestamp(7, new Timestamp(plan.basedOnWindowStart()));
    ps.setTimestamp(8, new Timestamp(plan.basedOnWindowEnd()));
    ps.setString(9, json);
  }

  private List<SignalPlan> query(String sql, String intersectionId, Instant from, Instant to) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (intersectionId != null) {
        ps.setString(1, intersectionId);
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, Timestamp.from(to));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<SignalPlan> plans = new ArrayList<>();
        while (rs.next()) {
          plans.add(decode(rs.getString("plan")));
        }
        return plans;
      }
    }
  }

  private SignalPlan decode(String json) throws SQLException {
    try {
      return codec.decodeSignalPlan(json.getBytes(StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      // only this class writes the column, from a plan the same codec encoded
      throw new SQLException("a stored signal plan does not decode: " + e.getMessage(), e);
    }
  }
}
