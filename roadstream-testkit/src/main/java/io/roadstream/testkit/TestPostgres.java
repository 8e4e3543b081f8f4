package io.roadstream.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The machine's PostgreSQL server (127.0.0.1:5432, database {@code test}, trust auth; override with
 * ROADSTREAM_TEST_JDBC_URL / ROADSTREAM_TEST_DB_USER), with a fresh schema per test that {@link #close()} drops.
 */
public final class TestPostgres implements AutoCloseable {

  public static final String JDBC_URL =
      System.getenv().getOrDefault("ROADSTREAM_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = System.getenv().getOrDefault("ROADSTREAM_TEST_DB_USER", "postgres");
  public static final String PASSWORD = System.getenv().getOrDefault("ROADSTREAM_TEST_DB_PASSWORD", "");

  private final String schema;

  private TestPostgres(String schema) {
    this.schema = schema;
  }

  /** A new, empty schema named after the test. */
  public static TestPostgres freshSchema(String testName) {
    String schema = ("t_" + testName.replaceAll("[^A-Za-z0-9]", "_") + "_"
        + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(java.util.Locale.ROOT);
    if (schema.length() > 60) {
      schema = schema.substring(schema.length() - 60);
    }
    return new TestPostgres(schema);
  }

  public String schema() {
    return schema;
  }

  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(JDBC_URL, USER, PASSWORD);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(JDBC_URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
