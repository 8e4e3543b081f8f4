package io.roadstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/** The JDBC chores every repository shares. */
final class Jdbc {

  /** Work on one connection inside a transaction. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  private Jdbc() {}

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  static void inTransaction(DataSource dataSource, Work work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }
}
